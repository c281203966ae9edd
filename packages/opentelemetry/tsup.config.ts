import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  // Hooks and @opentelemetry/api only: no Node module, so the same build runs in browsers and workers.
  platform: 'neutral',
  treeshake: true,
});
