#!/usr/bin/env node
// Fails (exit 1) on a known vulnerability in a runtime dependency.
//
//   node scripts/audit-runtime.mjs [--lockfile PATH] [--no-registry]
//
// 1. Asks the registry (`npm audit --omit=dev --audit-level=moderate --json`, in the lockfile's folder) unless
//    --no-registry is given. Where the audit endpoint cannot be reached (it answers 405 on some mirrors), says so.
// 2. Always checks the advisories we track for our runtime tree against the lockfile's versions and, when the
//    lockfile's folder has them installed, against node_modules as well. A version that cannot be read counts as
//    vulnerable: the check fails closed.
// Exit codes: 0 clean, 1 a vulnerability (or an unreadable lockfile), 2 bad arguments.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Advisories for packages in our runtime tree: package, first safe version, advisory ids. */
export const TRACKED = [
  { name: 'jsonpath-plus', safe: '10.3.0', ids: 'CVE-2024-21534 / GHSA-pppg-cpfq-h7wr, CVE-2025-1302 / GHSA-hw8r-x6gr-5gjp' },
  { name: 'json-rules-engine', safe: '7.3.1', ids: 'below 7.3.1 it allows a vulnerable jsonpath-plus (< 10.3.0)' },
];

/** Parse `1.2.3` or `1.2.3-beta.1`; undefined when it is not a version. */
function parse(v) {
  const m = typeof v === 'string' ? /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v.trim()) : null;
  return m ? { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] } : undefined;
}

/** True when `version` is below `safe`. A pre-release is below its release (10.3.0-rc.1 < 10.3.0). Unreadable: true. */
export function isBelow(version, safe) {
  const a = parse(version);
  const b = parse(safe);
  if (!a || !b) return true;
  for (let i = 0; i < 3; i++) if (a.nums[i] !== b.nums[i]) return a.nums[i] < b.nums[i];
  return a.pre !== undefined && b.pre === undefined;
}

function args(argv) {
  const out = { lockfile: fileURLToPath(new URL('../package-lock.json', import.meta.url)), registry: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lockfile' && argv[i + 1]) out.lockfile = resolve(argv[++i]);
    else if (argv[i] === '--no-registry') out.registry = false;
    else {
      console.error(`audit: unknown argument ${argv[i]}; usage: audit-runtime.mjs [--lockfile PATH] [--no-registry]`);
      process.exit(2);
    }
  }
  return out;
}

function registryAudit(dir) {
  let report;
  try {
    report = execFileSync('npm', ['audit', '--omit=dev', '--audit-level=moderate', '--json'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    });
  } catch (e) {
    report = e.stdout ?? '';
  }
  try {
    const parsed = JSON.parse(report);
    if (parsed && !parsed.error && parsed.metadata) {
      const v = parsed.metadata.vulnerabilities ?? {};
      return (v.moderate ?? 0) + (v.high ?? 0) + (v.critical ?? 0);
    }
  } catch {
    // not JSON: the endpoint is not there
  }
  return undefined;
}

function main() {
  const opts = args(process.argv.slice(2));
  const dir = dirname(opts.lockfile);
  let failed = 0;

  if (opts.registry) {
    const bad = registryAudit(dir);
    if (bad === undefined) console.log('audit: the registry audit endpoint is not reachable here; relying on tracked advisories');
    else {
      console.log(`audit (registry): ${bad} moderate-or-worse vulnerabilities in runtime dependencies`);
      failed += bad;
    }
  }

  let lock;
  try {
    lock = JSON.parse(readFileSync(opts.lockfile, 'utf8'));
  } catch {
    console.log(`audit: cannot read the lockfile ${opts.lockfile}`);
    process.exit(1);
  }
  const packages = lock && typeof lock.packages === 'object' && lock.packages !== null ? lock.packages : undefined;
  if (!packages) {
    console.log('audit: the lockfile has no "packages" map (lockfileVersion 2 or 3 is needed)');
    process.exit(1);
  }
  let runtime = 0;
  for (const [path, meta] of Object.entries(packages)) {
    // dev: only in the dev tree. devOptional (dev and optional peers) may still be installed by users: keep it.
    if (!path || !meta || meta.dev === true) continue;
    runtime++;
    const name = meta.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    for (const t of TRACKED) {
      if (t.name !== name) continue;
      const versions = [['lockfile', meta.version]];
      const installed = join(dir, path, 'package.json');
      if (existsSync(installed)) {
        try {
          versions.push(['installed', JSON.parse(readFileSync(installed, 'utf8')).version]);
        } catch {
          versions.push(['installed', undefined]);
        }
      }
      for (const [where, version] of versions) {
        if (isBelow(version, t.safe)) {
          console.log(`audit: ${name}@${version ?? '(unreadable)'} (${where}, ${path}) is below ${t.safe}: ${t.ids}`);
          failed++;
        }
      }
    }
  }
  console.log(`audit (tracked advisories): checked ${runtime} runtime packages; ${failed} problem${failed === 1 ? '' : 's'}`);
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
