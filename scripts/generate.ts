/**
 * Writes the files generated from the code: the JSON Schemas shipped in `schemas/`, the rule authors' catalog of
 * facts and operators (`rules/CATALOG.md`) and the bundled rule set's checked hash (`src/screening/default-rules.generated.ts`). A test fails when a committed copy differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_RULES_MODULE, renderCatalogMarkdown, renderDefaultRulesModule, generatedSchemas } from './generated.js';

for (const [file, json] of Object.entries(generatedSchemas())) writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
writeFileSync('rules/CATALOG.md', renderCatalogMarkdown());
writeFileSync(DEFAULT_RULES_MODULE, renderDefaultRulesModule());
console.log(`wrote schemas/intake.schema.json, schemas/rules.schema.json, rules/CATALOG.md, ${DEFAULT_RULES_MODULE}`);
