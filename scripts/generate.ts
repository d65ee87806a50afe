/**
 * Writes the files generated from the code: the JSON Schemas shipped in `schemas/` and the rule authors' catalog of
 * facts and operators (`rules/CATALOG.md`). A test fails when a committed copy differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { renderCatalogMarkdown, generatedSchemas } from './generated.js';

for (const [file, json] of Object.entries(generatedSchemas())) writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
writeFileSync('rules/CATALOG.md', renderCatalogMarkdown());
console.log('wrote schemas/intake.schema.json, schemas/rules.schema.json, rules/CATALOG.md');
