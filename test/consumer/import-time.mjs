// How long importing each installed @volc-ts package takes, through import and through require, each in
// a fresh Node process (best of 3). Prints one JSON object: { name: { esm, cjs } } in milliseconds.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const names = readdirSync(join(process.cwd(), 'node_modules/@volc-ts')).map((dir) => `@volc-ts/${dir}`);
const measure = (args) => {
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim()));
  return Math.round(Math.min(...runs) * 10) / 10;
};
const result = {};
for (const name of names.sort()) {
  result[name] = {
    esm: measure(['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(name)}); console.log(performance.now() - t);`]),
    cjs: measure(['-e', `const t = performance.now(); require(${JSON.stringify(name)}); console.log(performance.now() - t);`]),
  };
}
console.log(JSON.stringify(result));
