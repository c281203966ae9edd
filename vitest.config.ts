import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of every workspace package, so no build is needed first.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const alias = [
  // core's other entries (package.json "exports": ./errors, ./internal)
  ...['errors', 'internal'].map((entry) => ({
    find: new RegExp(`^@volc-ts/core/${entry}$`),
    replacement: `${packagesDir}core/src/${entry}.ts`,
  })),
  ...readdirSync(packagesDir).map((name) => ({
    find: new RegExp(`^@volc-ts/${name}$`),
    replacement: `${packagesDir}${name}/src/index.ts`,
  })),
];

const ALL_TESTS = ['packages/*/test/**/*.test.ts', 'generator/test/**/*.test.ts', 'test/**/*.test.ts'];
const EXCLUDED = ['**/node_modules/**', '**/dist/**'];
/**
 * The integration tests: they pack and install tarballs, publish to a local registry, drive Chromium, open
 * the built API reference, or load and type-check what the build wrote (dist/); they need a build (`pnpm
 * build`, `pnpm docs` for the site) and take minutes. Everything else is a unit test: sources only, loopback
 * servers the test starts, seconds.
 */
const INTEGRATION_TESTS = [
  'test/pack.test.ts',
  'test/registry.test.ts',
  'test/browser.test.ts',
  'test/docs-site.test.ts',
  'test/error-copies.test.ts',
  'test/public-surface.test.ts',
  'test/readme-examples.test.ts',
];

export default defineConfig({
  resolve: { alias },
  test: {
    // `vitest run` runs both projects in one pass (the README's `pnpm test`); `pnpm test:unit` and
    // `pnpm test:integration` run one each (`--project unit`, `--project integration`).
    projects: [
      { extends: true, test: { name: 'unit', include: ALL_TESTS, exclude: [...EXCLUDED, ...INTEGRATION_TESTS] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION_TESTS, exclude: EXCLUDED } },
    ],
    // Every test process: no instance-metadata traffic, no personal CLI config (see the file).
    setupFiles: [fileURLToPath(new URL('./test/setup-env.ts', import.meta.url))],
    // Two test files at a time at least, even on a 2-core machine (vitest's default there is one): the
    // slowest files (registry.test.ts, pack.test.ts) spend their minutes waiting on child processes
    // (pnpm, npm, tsc), and the other files run meanwhile.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
