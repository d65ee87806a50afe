import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from 'massage-triage';
import { generatedSchemas, renderCatalogMarkdown } from '../scripts/generated.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('files generated from the code are up to date (run `npm run generate` when this fails)', () => {
  it.each(Object.entries(generatedSchemas()))('%s', (file, json) => {
    expect(JSON.parse(read(file))).toEqual(json);
  });

  it('rules/CATALOG.md', () => {
    expect(read('rules/CATALOG.md')).toBe(renderCatalogMarkdown());
  });

  it('the library version equals package.json', () => {
    expect(VERSION).toBe(JSON.parse(read('package.json')).version);
  });
});
