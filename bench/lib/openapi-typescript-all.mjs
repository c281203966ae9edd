// Runs openapi-typescript's Node API over the spec documents given as arguments in one process (one
// start-up, as volc-gen has), writing one .d.ts per document into the directory given last.
// Plain JavaScript on plain node: openapi-typescript ships compiled code and runs without a loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const args = process.argv.slice(2);
const out = args.pop();
mkdirSync(out, { recursive: true });
for (const spec of args) {
  const ast = await openapiTS(pathToFileURL(spec));
  writeFileSync(join(out, basename(spec).replace(/\.ya?ml$/, '.d.ts')), astToString(ast));
}
