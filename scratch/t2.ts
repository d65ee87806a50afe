import { screen, BASELINE_INTAKE, withAnswers, rulesJsonSchema } from '../src/index.js';
const r = await screen(withAnswers(BASELINE_INTAKE, { 'clots.legSigns': 'yes', 'clots.legSignsSide': 'left', 'bones.fracture': 'yes', 'bones.fractureRegions': ['left-wrist'], 'bones.fractureDate': '2026-10-01' }), { at: '2026-11-27' });
console.log(JSON.stringify(r, null, 1).slice(0, 4000));
console.log(JSON.stringify(await screen(BASELINE_INTAKE, {at:'2026-11-27'})).slice(0,600));
console.log(JSON.stringify(rulesJsonSchema()).length);
