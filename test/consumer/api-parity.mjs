// For every installed @volc-ts package: the export names that `import` and `require` give, and the
// files each resolves to. Prints one JSON object; test/pack.test.ts compares the two sides.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const names = readdirSync(join(process.cwd(), 'node_modules/@volc-ts')).map((dir) => `@volc-ts/${dir}`);
const result = {};
for (const name of names.sort()) {
  const esm = await import(name);
  const cjs = require(name);
  result[name] = {
    importFile: import.meta.resolve(name),
    requireFile: require.resolve(name),
    importNames: Object.keys(esm).sort(),
    requireNames: Object.keys(cjs).sort(),
  };
}
console.log(JSON.stringify(result));
