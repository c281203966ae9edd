/**
 * Issue 14 item 2: the public surface of @volc-ts/core, and every error reachable from every service
 * package. The error classes and guards are found in core's sources (packages/core/src/errors/*.ts), not
 * in a list kept here, so a class added there and left out of the errors entry fails this test.
 *
 * Service packages are checked as users get them: the built dist/, ESM and CJS, for the core set and the
 * seeded rotation of scripts/ci-sample.mjs (`VOLC_CI_SEED` picks the sample). Run alone, the test builds
 * the packages whose dist/ is missing or stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ciPackages, ensureBuilt, ROOT } from './helpers/packages.js';

const run = promisify(execFile);
const ERRORS_DIR = join(ROOT, 'packages/core/src/errors');

/** `VolcXError` classes and `isVolcXError` guards that core's error modules export. */
function declaredErrorExports(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(ERRORS_DIR).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(ERRORS_DIR, file), 'utf8');
    for (const match of text.matchAll(/^export (?:abstract )?(?:class|function|const) ((?:is)?Volc\w*Error)\b/gm))
      names.add(match[1]!);
  }
  return [...names].sort();
}

const errorNames = declaredErrorExports();
const services = ciPackages().filter((pkg) =>
  /^\/\/ (Code generated|Generated) by volc-gen /.test(readFileSync(join(pkg.dir, 'src/index.ts'), 'utf8')),
);
type Module = Record<string, unknown>;

describe('@volc-ts/core entries', () => {
  it('core declares the error classes and guards this test expects (the scan of its sources works)', () => {
    for (const name of [
      'VolcError',
      'isVolcError',
      'VolcServiceError',
      'isVolcServiceError',
      'VolcAbortError',
      'VolcCredentialsError',
      'isVolcCredentialsError',
    ]) {
      expect(errorNames).toContain(name);
    }
    // Every class comes with its guard.
    for (const name of errorNames.filter((n) => !n.startsWith('is'))) expect(errorNames, name).toContain(`is${name}`);
  });

  it('the errors entry and the public entry export every error class and guard', async () => {
    const errors = (await import('@volc-ts/core/errors')) as Module;
    const core = (await import('@volc-ts/core')) as Module;
    for (const name of errorNames) {
      expect(typeof errors[name], name).toBe('function');
      expect(core[name], name).toBe(errors[name]);
    }
  });

  it('the public entry leaves the helpers of generated code to the internal entry', async () => {
    const core = (await import('@volc-ts/core')) as Module;
    const internal = (await import('@volc-ts/core/internal')) as Module;
    for (const name of ['checkString', 'checkObject', 'memberPath', 'own', 'INT32', 'paginatePageNumber']) {
      expect(core, name).not.toHaveProperty(name);
      expect(internal, name).toHaveProperty(name);
    }
  });

  it('helpers only tests use are in no published entry (tests import them from their modules)', async () => {
    const entries = [
      (await import('@volc-ts/core')) as Module,
      (await import('@volc-ts/core/internal')) as Module,
      (await import('@volc-ts/core/errors')) as Module,
    ];
    for (const name of [
      'flattenQuery',
      'backoffDelay',
      'decideRetry',
      'parseRetryAfter',
      'clockOffsetFrom',
      'parseJson',
      'stringifyJson',
      'formatIssue',
      'checkRegion',
      'regionProblem',
      'credentialsProblem',
      'checkCredentials',
      'RETRYABLE_ERROR_CODES',
      'serializeRequest',
    ]) {
      for (const entry of entries) expect(entry, name).not.toHaveProperty(name);
    }
  });
});

/**
 * Runs in a plain Node process from the package's folder, as an installed package runs: the package's
 * dist (ESM, then CJS) and core as the package resolves it. Prints each name that is missing or not
 * the very object core exports.
 */
const PROBE = `
import { createRequire } from 'node:module';
const names = JSON.parse(process.argv[1]);
const require = createRequire(process.cwd() + '/package.json');
const pkg = await import(process.cwd() + '/dist/index.js');
const core = await import('@volc-ts/core');
const pkgCjs = require('./dist/index.cjs');
const coreCjs = require('@volc-ts/core');
const wrong = [];
for (const name of names) {
  if (typeof pkg[name] !== 'function' || pkg[name] !== core[name]) wrong.push('esm ' + name);
  if (typeof pkgCjs[name] !== 'function' || pkgCjs[name] !== coreCjs[name]) wrong.push('cjs ' + name);
}
console.log(JSON.stringify(wrong));
`;

describe('every error class and guard is reachable from each service package', () => {
  beforeAll(() => ensureBuilt(services), 600_000);

  it.each(services.map((pkg) => [pkg.name, pkg] as const))('%s', async (_name, pkg) => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE, JSON.stringify(errorNames)], {
      cwd: pkg.dir,
    });
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
