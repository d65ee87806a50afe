// CPU profile of screen() on the corpus, taken with the inspector around the screening loop only (no start-up,
// no corpus generation), summarised by stage, package and function. Writes bench/.tmp/screen-NAME.cpuprofile.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AT } from './corpus.mjs';
import { summarise } from './profile-summary.mjs';

export async function profileScreening({ lib, ruleSet, corpus, durationMs, name }) {
  const screener = lib.createScreener({ rules: ruleSet });
  for (let i = 0; i < corpus.length; i++) await screener.screen(corpus[i], { at: AT }); // warm-up
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const end = performance.now() + durationMs;
  let n = 0;
  while (performance.now() < end) await screener.screen(corpus[n++ % corpus.length], { at: AT });
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const dir = fileURLToPath(new URL('./.tmp/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}screen-${name}.cpuprofile`, JSON.stringify(profile));
  return { name, screenings: n, ...summarise(profile, 12) };
}
