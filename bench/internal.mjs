// deriveFacts is internal (not exported), so the benchmark bundles it from src with esbuild into bench/.tmp:
// the same code the library runs, used only to compute the baselines' facts once, outside the timed loops.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function loadDeriveFacts() {
  const outfile = `${root}bench/.tmp/derive.mjs`;
  await build({ entryPoints: [`${root}src/screening/derive.ts`], bundle: true, format: 'esm', platform: 'neutral', outfile, logLevel: 'error' });
  return (await import(`${outfile}?t=${Date.now()}`)).deriveFacts;
}
