/**
 * Issue 12 item 14: `instanceof` across a CJS and an ESM copy of @volc-ts/core, as bundlers and mixed
 * `require`/`import` programs load them. Uses the built dist (`pnpm test` builds first).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Core = typeof import('@volc-ts/core');

describe('SDK errors from a CJS copy and an ESM copy of @volc-ts/core', async () => {
  const cjs = require('../packages/core/dist/index.cjs') as Core;
  // The ES module build has no declarations beside it (they are in dist/*.d.ts): import it by a path held in a variable.
  const esmBuild = '../packages/core/dist/esm/index.js';
  const esm = (await import(esmBuild)) as Core;

  it('are two distinct copies', () => {
    expect(cjs.VolcValidationError).not.toBe(esm.VolcValidationError);
  });

  it('VolcValidationError made by the CJS copy is instanceof the ESM class, and the other way round', () => {
    const fromCjs = new cjs.VolcValidationError(
      [{ path: 'PageSize', rule: 'maximum', message: 'must be <= 100 (got 101)' }],
      'DescribeThings',
    );
    expect(fromCjs instanceof esm.VolcValidationError).toBe(true);
    expect(fromCjs instanceof esm.VolcError).toBe(true);
    expect(fromCjs instanceof esm.VolcServiceError).toBe(false);
    expect(esm.isVolcValidationError(fromCjs)).toBe(true);
    const fromEsm = new esm.VolcValidationError([], 'X');
    expect(fromEsm instanceof cjs.VolcValidationError).toBe(true);
    expect(cjs.isVolcError(fromEsm)).toBe(true);
  });

  it('each error class and its guard agree across copies', () => {
    const ctx = { action: 'A', service: 's' };
    const errors = [
      [
        new cjs.VolcServiceError({
          ...ctx,
          code: 'X',
          serverMessage: 'm',
          requestId: 'r',
          status: 400,
          retryable: false,
        }),
        'VolcServiceError',
        esm.isVolcServiceError,
      ],
      [
        new cjs.VolcNetworkError({ ...ctx, cause: new Error('x'), retryable: true }),
        'VolcNetworkError',
        esm.isVolcNetworkError,
      ],
      [new cjs.VolcTimeoutError({ ...ctx, kind: 'attempt', timeout: 1 }), 'VolcTimeoutError', esm.isVolcTimeoutError],
      [new cjs.VolcAbortError(ctx), 'VolcAbortError', esm.isVolcAbortError],
      [new cjs.VolcCredentialsError([]), 'VolcCredentialsError', esm.isVolcCredentialsError],
      [
        new cjs.VolcResponseError({ ...ctx, reason: 'r', status: 502, body: '', retryable: true }),
        'VolcResponseError',
        esm.isVolcResponseError,
      ],
      [new cjs.VolcRequestError({ ...ctx, problem: 'p' }), 'VolcRequestError', esm.isVolcRequestError],
    ] as const;
    for (const [error, name, guard] of errors) {
      const EsmClass = esm[name] as unknown as abstract new (...args: never[]) => unknown;
      expect(error instanceof EsmClass, name).toBe(true);
      expect((guard as (e: unknown) => boolean)(error), name).toBe(true);
      expect(error instanceof esm.VolcError, name).toBe(true);
      const others = errors.filter(([, other]) => other !== name);
      for (const [, other] of others)
        expect(error instanceof (esm[other] as unknown as abstract new () => unknown), `${name} is not ${other}`).toBe(
          false,
        );
    }
    expect(new Error('x') instanceof esm.VolcError).toBe(false);
    expect(esm.isVolcError({ name: 'VolcServiceError' })).toBe(false);
  });
});
