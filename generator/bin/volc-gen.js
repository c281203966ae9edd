#!/usr/bin/env node
// The `volc-gen` command inside the volc-ts workspace: runs the generator's TypeScript source through
// tsx, so the command never lags behind an edit. The workspace tsconfig maps `@volc-ts/*` (the spec
// model, @volc-ts/spec) to sources too, from whichever folder the command runs in. The published package
// does not ship this file; its `publishConfig.bin` points `volc-gen` at the built dist/cli.js.
const { fileURLToPath } = await import('node:url');
const { register } = await import('tsx/esm/api');
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import(new URL('../src/cli.ts', import.meta.url).href);
