#!/usr/bin/env node
// The volc-mock command. It is this committed file rather than dist/cli.js itself, so that a fresh
// `pnpm install` links the bin before anything is built; it runs the built CLI.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('volc-mock is not built yet: run `pnpm build` in the volc-ts workspace first.');
  process.exit(1);
}
await import(cli.href);
