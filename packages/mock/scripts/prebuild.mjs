// Runs before tsup: empties dist/ (tsup's own clean would race between the two builds of
// tsup.config.ts), and copies the repository's spec/*.yaml into packages/mock/spec/, so the
// published package carries the specs it serves and finds them next to dist/ at run time.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../../spec/', import.meta.url));
const to = fileURLToPath(new URL('../spec/', import.meta.url));

rmSync(fileURLToPath(new URL('../dist/', import.meta.url)), { recursive: true, force: true });
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
const files = readdirSync(from).filter((name) => /\.ya?ml$/.test(name));
for (const name of files) copyFileSync(`${from}${name}`, `${to}${name}`);
console.log(`copied ${files.length} spec file(s) into packages/mock/spec/`);
