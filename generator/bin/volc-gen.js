#!/usr/bin/env node
// The `volc-gen` command inside the volc-ts workspace: runs the generator's TypeScript source through
// tsx, so the command never lags behind an edit. The published package does not ship this file; its
// `publishConfig.bin` points `volc-gen` at the built dist/cli.js.
const { register } = await import('tsx/esm/api');
register();
await import(new URL('../src/cli.ts', import.meta.url).href);
