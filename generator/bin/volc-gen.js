#!/usr/bin/env node
// The `volc-gen` command. Inside the volc-ts workspace it runs the TypeScript source through tsx, so the
// command never lags behind an edit of the generator; an installed package has only dist/ and runs that.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli.js', import.meta.url).href);
}
