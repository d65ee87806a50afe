/**
 * Type-checks the generated resources against the maintained R4 types of `@types/fhir` (the `fhir4` namespace, in
 * `@types/fhir` 0.0.x: `r4.d.ts`). The 3.x line that npm tags "latest" is STU3 and has no R4 types: then this test
 * fails and says so. Our own `Fhir*` interfaces, as dist/index.d.ts ships them, must stay assignable to `fhir4.*`.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// FHIR_R4_TYPES points at another copy of r4.d.ts (for a check before the dependency is switched).
const r4 = process.env.FHIR_R4_TYPES ?? join(root, 'node_modules/@types/fhir/r4.d.ts');

describe('R4 types', () => {
  it('the Questionnaire, QuestionnaireResponse and DetectedIssue types are assignable to @types/fhir fhir4', { timeout: 240_000 }, async () => {
    expect(existsSync(r4), `${r4} is missing: the R4 types come with @types/fhir 0.0.44 (a devDependency)`).toBe(true);
    // The built declarations, as users get them: type-checking them alone takes a second, the sources (which the
    // typecheck covers) ten times as long.
    await ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'r4-types-'));
    try {
      const file = join(dir, 'check.ts');
      writeFileSync(
        file,
        [
          `import type * as fhir4 from ${JSON.stringify(r4.replace(/\.d\.ts$/, ''))};`,
          `import { toFhirQuestionnaire, toFhirQuestionnaireResponse, toFhirDetectedIssues, type Intake, type ScreeningSuccess } from ${JSON.stringify(join(root, 'dist/index'))};`,
          'declare const intake: Intake;',
          'declare const result: ScreeningSuccess;',
          'export const q: fhir4.Questionnaire = toFhirQuestionnaire();',
          'export const qr: fhir4.QuestionnaireResponse = toFhirQuestionnaireResponse(intake);',
          'export const d: fhir4.DetectedIssue[] = toFhirDetectedIssues(result);',
          // and the check is not vacuous
          "// @ts-expect-error a wrong item type is not an R4 Questionnaire\nexport const bad: fhir4.Questionnaire = { resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'a', type: 'checkbox' }] };",
        ].join('\n'),
      );
      const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        resolveJsonModule: true,
        esModuleInterop: true,
        skipLibCheck: true,
        types: [],
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file?.fileName === file)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
