/**
 * The modules the mutation test covers, each with the test files that exercise it. `pnpm mutation`
 * runs Stryker once per module with only these tests, so a run does not wait for the whole suite.
 * Paths are relative to the repository root.
 */
const core = (name) => `packages/core/test/${name}.test.ts`;

export const MODULES = {
  'validate.ts': {
    mutate: ['packages/core/src/validate.ts'],
    tests: [
      core('validate'),
      core('validate-bounds'),
      core('warnings'),
      core('escapes'),
      // The generated validators of the generator's mini fixture call these checks.
      'generator/test/validators.test.ts',
    ],
  },
  'credentials/cli-config.ts': {
    mutate: ['packages/core/src/credentials/cli-config.ts'],
    tests: [core('credentials'), core('config-file-safety'), core('credential-expiry'), core('cli-config')],
  },
  'credentials/chain.ts': {
    mutate: ['packages/core/src/credentials/chain.ts'],
    tests: [core('credentials'), core('credential-chain')],
  },
  'paginate.ts': {
    mutate: ['packages/core/src/paginate.ts'],
    tests: [core('paginate'), core('paginate-stops')],
  },
  'redact.ts': {
    mutate: ['packages/core/src/redact.ts', 'packages/core/src/redact-log.ts', 'packages/core/src/known-secrets.ts'],
    tests: [core('logging'), core('echoed-secrets'), core('errors'), core('escapes'), core('redact')],
  },
  'transport/envelope.ts': {
    mutate: ['packages/core/src/transport/envelope.ts'],
    tests: [core('envelope'), core('envelope-shapes')],
  },
  'retry.ts': {
    mutate: ['packages/core/src/retry.ts'],
    // lifecycle: a deadline reached while waiting for a socket (surelyNotProcessed's timeout branch).
    tests: [core('retry'), core('retry-decisions'), core('lifecycle')],
  },
  'signing/*': {
    mutate: ['packages/core/src/signing/*.ts'],
    tests: [core('signing'), core('signing-paths'), core('signing-details')],
  },
};
