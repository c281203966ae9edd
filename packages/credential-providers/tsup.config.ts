import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  // Reads the CLI config file with node:fs, so this package targets Node (and Bun, Deno).
  platform: 'node',
  treeshake: true,
});
