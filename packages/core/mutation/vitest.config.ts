import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The vitest configuration of a mutation run (run.mjs): the root config's aliases and setup file, and only
// the test files named in VOLC_MUTATION_TESTS (comma-separated, relative to the repository root).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const packagesDir = `${root}packages/`;
const alias = [
  ...['errors', 'internal'].map((entry) => ({
    find: new RegExp(`^@volc-ts/core/${entry}$`),
    replacement: `${packagesDir}core/src/${entry}.ts`,
  })),
  ...readdirSync(packagesDir)
    .filter((name) => existsSync(`${packagesDir}${name}/src/index.ts`))
    .map((name) => ({ find: new RegExp(`^@volc-ts/${name}$`), replacement: `${packagesDir}${name}/src/index.ts` })),
];

const tests = (process.env.VOLC_MUTATION_TESTS ?? '').split(',').filter(Boolean);

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    include: tests.length > 0 ? tests : ['packages/core/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    setupFiles: [`${root}test/setup-env.ts`],
    // Stryker's runner asks for worker threads; core's tests need child processes as in `pnpm test`
    // (os.homedir() follows a stubbed HOME, process.umask works), and this setting overrides the pool.
    // (The sandbox lies under .stryker-tmp, which `**` alone does not match: it skips dot directories.)
    poolMatchGlobs: [
      ['**', 'forks'],
      ['**/.stryker-tmp/**', 'forks'],
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
