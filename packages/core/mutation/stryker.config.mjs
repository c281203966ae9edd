// @ts-check
/**
 * StrykerJS over core's critical modules (modules.mjs), with vitest as the test runner. Run it with
 * `pnpm mutation` (run.mjs), from the repository root; MUTATION.md beside packages/core has the scores
 * and every surviving mutant explained.
 */
import { MODULES } from './modules.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'packages/core/mutation/vitest.config.ts', related: false },
  mutate: Object.values(MODULES).flatMap((module) => module.mutate),
  // Each mutant runs only the tests that executed its code in the first, unmutated run.
  coverageAnalysis: 'perTest',
  // Two cores shared with other work: one test process at a time by default (run.mjs --concurrency N).
  concurrency: 1,
  // A mutant that makes a loop endless is a kill by timeout; give slow machines room before calling it one.
  timeoutMS: 10_000,
  // The sandbox holds only what core's tests read: the 140 generated packages, specs and docs stay out.
  ignorePatterns: [
    '/*',
    '!/package.json',
    '!/tsconfig.json',
    '!/tsconfig.base.json',
    '!/test',
    '/test/*',
    '!/test/setup-env.ts',
    '!/packages',
    '/packages/*',
    '!/packages/core',
    '/packages/core/dist',
    '!/generator',
    '/generator/*',
    '!/generator/test',
    '/generator/test/*',
    '!/generator/test/validators.test.ts',
    '!/generator/test/fixtures',
    '/generator/test/fixtures/*',
    '!/generator/test/fixtures/mini-expected',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // A survivor's diff is printed in full; the report is read to explain them (MUTATION.md).
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 85, low: 70, break: null },
};
