import { intakeSchema } from '../src/intake/schema.js';
import { toLabelledJsonSchema } from '../src/intake/json-schema.js';
import { parseIntake } from '../src/intake/parse.js';
const js = toLabelledJsonSchema(intakeSchema);
console.log(JSON.stringify(js).length);
console.log(JSON.stringify((js as any).properties.clots, null, 1).slice(0, 1500));
console.log(JSON.stringify(parseIntake({client:{dateOfBirth:'1990-01-01', pregnant:'on', extra: 1}, clots: {history: 'maybe'}}), null, 1).slice(0,1500));
