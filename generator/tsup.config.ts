import { defineConfig } from 'tsup';

// The library ships as ESM and CJS; the `volc-gen` bin only as ESM (it shares chunks with the ESM library).
// Both configs run at once: the ESM one cleans dist/ but keeps the CJS files the other one writes.
export default defineConfig([
  {
    entry: ['src/index.ts', 'src/cli.ts'],
    format: ['esm'],
    dts: { entry: 'src/index.ts' },
    clean: ['!index.cjs', '!index.d.cts'],
    target: 'node20',
    platform: 'node',
  },
  {
    entry: ['src/index.ts'],
    format: ['cjs'],
    dts: { entry: 'src/index.ts' },
    // import.meta.url (format.ts finds the Biome CLI from it) in the CommonJS build too.
    shims: true,
    target: 'node20',
    platform: 'node',
  },
]);
