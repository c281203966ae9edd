import { describe, expect, it } from 'vitest';
import {
  isVolcServiceError,
  VolcAbortError,
  VolcCredentialsError,
  VolcError,
  VolcNetworkError,
  VolcResponseError,
  VolcServiceError,
  VolcTimeoutError,
  VolcValidationError,
  type CommonErrorCode,
} from '../src/index.js';
import { BODY_PASSWORD } from './helpers/secrets.js';

const ctx = { action: 'CreateThing', service: 'redis' };

describe('error classes', () => {
  it('all extend VolcError and Error, with stable names', () => {
    const errors = [
      new VolcValidationError([{ path: 'A', rule: 'required', message: 'is required' }]),
      new VolcServiceError({ code: 'X', serverMessage: 'm', requestId: 'r', status: 400, ...ctx, retryable: false }),
      new VolcResponseError({ reason: 'r', status: 502, body: '', ...ctx, retryable: true }),
      new VolcNetworkError({ ...ctx, cause: new Error('boom'), retryable: true }),
      new VolcTimeoutError({ ...ctx, kind: 'attempt', timeout: 10 }),
      new VolcAbortError({ ...ctx }),
      new VolcCredentialsError([]),
    ];
    expect(errors.map((e) => e.name)).toEqual([
      'VolcValidationError',
      'VolcServiceError',
      'VolcResponseError',
      'VolcNetworkError',
      'VolcTimeoutError',
      'VolcAbortError',
      'VolcCredentialsError',
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(VolcError);
      expect(e).toBeInstanceOf(Error);
    }
  });

  it('VolcValidationError lists every issue', () => {
    const error = new VolcValidationError(
      [
        { path: 'PageSize', rule: 'maximum', message: 'must be <= 100 (got 101)' },
        { path: 'InstanceId', rule: 'required', message: 'is required' },
        { path: '', rule: 'type', message: 'must be an object (got null)' },
      ],
      'DescribeThings',
    );
    expect(error.message).toBe(
      'Invalid input for DescribeThings: PageSize: must be <= 100 (got 101); InstanceId: is required; must be an object (got null)',
    );
    expect(error.issues).toHaveLength(3);
  });

  it('VolcValidationError never repeats a secret-looking value', () => {
    const error = new VolcValidationError([
      {
        path: 'Accounts[0].Password',
        rule: 'maxLength',
        message: `must be at most 8 characters long (got "${BODY_PASSWORD}")`,
      },
      { path: 'AccountName', rule: 'pattern', message: 'must match ^[a-z]+$ (got "Bob")' },
    ]);
    expect(error.message).not.toContain(BODY_PASSWORD);
    expect(JSON.stringify(error.issues)).not.toContain(BODY_PASSWORD);
    expect(error.message).toContain('Accounts[0].Password: must be at most 8 characters long (got [redacted])');
    expect(error.message).toContain('(got "Bob")');
  });

  it('VolcNetworkError keeps the cause and its code', () => {
    const cause = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    const error = new VolcNetworkError({ ...ctx, cause, retryable: true });
    expect(error.cause).toBe(cause);
    expect(error.code).toBe('ECONNRESET');
    expect(error.message).toBe('Network error calling redis CreateThing: fetch failed: read ECONNRESET (ECONNRESET)');
  });

  it('VolcTimeoutError says which limit passed', () => {
    expect(new VolcTimeoutError({ ...ctx, kind: 'attempt', timeout: 250 }).message).toBe(
      'redis CreateThing: attempt timed out after 250 ms',
    );
    expect(new VolcTimeoutError({ ...ctx, kind: 'total', timeout: 900 }).message).toBe(
      'redis CreateThing: call timed out after 900 ms',
    );
  });
});

describe('isVolcServiceError', () => {
  const error: unknown = new VolcServiceError({
    code: 'InvalidInstance.NotFound',
    serverMessage: 'm',
    requestId: 'r',
    status: 404,
    ...ctx,
    retryable: false,
  });

  it('narrows an unknown error, optionally to given codes', () => {
    expect(isVolcServiceError(error)).toBe(true);
    expect(isVolcServiceError(error, ['InvalidInstance.NotFound'])).toBe(true);
    expect(isVolcServiceError(error, ['Other'])).toBe(false);
    expect(isVolcServiceError(new Error('x'))).toBe(false);
    expect(isVolcServiceError(new VolcNetworkError({ ...ctx, cause: 1, retryable: true }))).toBe(false);
    expect(isVolcServiceError(null)).toBe(false);
    if (isVolcServiceError(error, ['InvalidInstance.NotFound'] as const)) {
      // Type-level: the code is the declared union plus the common codes.
      const code: 'InvalidInstance.NotFound' | CommonErrorCode = error.code;
      expect(code).toBe('InvalidInstance.NotFound');
    }
  });

  it('recognises errors from another copy of the package by brand', () => {
    const foreign = Object.assign(Object.create(Error.prototype) as Error, { name: 'VolcServiceError', code: 'X' });
    Object.defineProperty(foreign, Symbol.for('volc-ts.error'), { value: true });
    expect(isVolcServiceError(foreign)).toBe(true);
  });
});
