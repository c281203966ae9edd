// How long importing each installed @volc-ts package takes, through import and through require, each in
// a fresh Node process (best of 3), and what the import does besides: the files a require loads and the
// resources (timers, sockets, files) still active right after import or require. Prints one JSON
// object: { name: { esm, cjs, files, esmActive, cjsActive } }, times in milliseconds.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const names = readdirSync(join(process.cwd(), 'node_modules/@volc-ts')).map((dir) => `@volc-ts/${dir}`);
/** One fresh process per run; each prints `{ ms, active, files }`. */
const runs = (args) =>
  [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim()));
const report =
  'console.log(JSON.stringify({ ms: performance.now() - t, active: process.getActiveResourcesInfo(), files: typeof require === "function" ? Object.keys(require.cache) : [] }))';
const result = {};
for (const name of names.sort()) {
  const esm = runs([
    '--input-type=module',
    '-e',
    `const before = process.getActiveResourcesInfo().length; const t = performance.now(); await import(${JSON.stringify(name)}); ${report}`,
  ]);
  const cjs = runs(['-e', `const t = performance.now(); require(${JSON.stringify(name)}); ${report}`]);
  const best = (list) => Math.round(Math.min(...list.map((r) => r.ms)) * 10) / 10;
  result[name] = {
    esm: best(esm),
    cjs: best(cjs),
    // Paths below node_modules, as `<package>/<file>`.
    files: [...new Set(cjs.flatMap((r) => r.files))].map((file) => file.split('/node_modules/').pop()).sort(),
    esmActive: esm[0].active,
    cjsActive: cjs[0].active,
  };
}
console.log(JSON.stringify(result));
