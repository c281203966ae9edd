/**
 * retry.ts at its edges: Retry-After as servers and proxies really write it (padded, fractional, broken),
 * which refusals prove the request was never processed, and every bound of decideRetry exactly on it.
 */
import { describe, expect, it } from 'vitest';
import { VolcNetworkError, VolcResponseError, VolcServiceError, VolcTimeoutError } from '../src/index.js';
import { retryKindOf } from '../src/errors/codes.js';
import {
  backoffDelay,
  decideRetry,
  parseRetryAfter,
  type RetryPolicy,
  shouldCorrectClock,
  surelyNotProcessed,
} from '../src/retry.js';

const ctx = { action: 'CreateThing', service: 's' };
const now = Date.parse('2025-01-02T03:04:05Z');
const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
const policy: RetryPolicy = {
  maxAttempts: 3,
  baseDelay: 100,
  throttlingBaseDelay: 1000,
  maxDelay: 20_000,
  maxRetryAfter: 5000,
};
/** Picks the top of the jitter range, so a delay names its ceiling (minus one). */
const top = () => 0.9999;

function serviceError(code: string, status: number, retryable = retryKindOf(code, status) !== undefined) {
  return new VolcServiceError({ code, serverMessage: 'm', requestId: 'r', status, ...ctx, retryable });
}
function responseError(status: number, retryable = true) {
  return new VolcResponseError({ reason: 'r', body: '<html>', status, retryable, ...ctx });
}

describe('parseRetryAfter: retry-after-ms', () => {
  it.each([
    ['150', 150],
    [' 150 ', 150],
    ['\t150', 150],
    ['0', 0],
    ['2.5', 3],
    ['2.0001', 3],
    ['1500000', 1500000],
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': value }), now)).toBe(ms);
  });

  it.each(['-5', '5ms', 'x150', '150x', '1.', '.5', '1.2.3', '', '1 5'])(
    'ignores %j and falls back to Retry-After',
    (value) => {
      expect(parseRetryAfter(headers({ 'retry-after-ms': value, 'retry-after': '2' }), now)).toBe(2000);
      expect(parseRetryAfter(headers({ 'retry-after-ms': value }), now)).toBeUndefined();
    },
  );
});

describe('parseRetryAfter: Retry-After', () => {
  it.each([
    ['2', 2000],
    [' 2 ', 2000],
    ['2\t', 2000],
    ['0', 0],
    ['0.5', 500],
    ['0.0001', 1],
    ['10', 10_000],
  ])('reads seconds %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(headers({ 'retry-after': value }), now)).toBe(ms);
  });

  it('reads the HTTP date forms as the time left until then, never less than 0', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu, 02 Jan 2025 03:04:08 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': ' Thu, 02 Jan 2025 03:04:06 GMT ' }), now)).toBe(1000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Thursday, 02-Jan-25 03:04:09 GMT' }), now)).toBe(4000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu Jan  2 03:04:07 2025' }), now - 0)).toBeGreaterThan(0);
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu, 02 Jan 2025 03:04:00 GMT' }), now)).toBe(0);
  });

  it.each(['soon', '', '   ', '-1', '+5', '5,', '1-', '00x', '2 s', 'abc 1', '1.5.', '30 June', 'Thu 1'])(
    'ignores the malformed value %j',
    (value) => {
      expect(parseRetryAfter(headers({ 'retry-after': value }), now)).toBeUndefined();
    },
  );

  it('is undefined without either header', () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseRetryAfter(() => undefined, now)).toBeUndefined();
  });
});

describe('surelyNotProcessed', () => {
  it.each([
    'InvalidTimestamp',
    'SignatureDoesNotMatch',
    'InvalidAuthorization',
    'InvalidCredential',
    'InvalidAccessKey',
    'InvalidSecretToken',
    'MissingSignature',
    'MissingRequestInfo',
  ])('holds for %s, which the gateway answers before the service runs', (code) => {
    expect(surelyNotProcessed(serviceError(code, 401, false))).toBe(true);
    // A non-idempotent write refused this way could be retried, were the code retryable.
    expect(surelyNotProcessed(serviceError(code, 400, true))).toBe(true);
  });

  it('holds for throttling by code or by status, and not for other service errors', () => {
    expect(surelyNotProcessed(serviceError('FlowLimitExceeded', 400))).toBe(true);
    expect(surelyNotProcessed(serviceError('SomeCode', 429))).toBe(true);
    expect(surelyNotProcessed(serviceError('InternalError', 500))).toBe(false);
    expect(surelyNotProcessed(serviceError('InvalidParameter', 400))).toBe(false);
    expect(surelyNotProcessed(serviceError('invalidtimestamp', 400))).toBe(false);
  });

  it('holds for a 429 response and not for a 5xx one', () => {
    expect(surelyNotProcessed(responseError(429))).toBe(true);
    expect(surelyNotProcessed(responseError(503))).toBe(false);
    expect(surelyNotProcessed(responseError(200, false))).toBe(false);
  });

  it('holds for a network failure before the request was sent, by the error or a transport error under it', () => {
    const network = (init: { requestSent?: boolean; cause?: unknown }) =>
      new VolcNetworkError({
        ...ctx,
        retryable: true,
        cause: init.cause ?? new Error('x'),
        requestSent: init.requestSent,
      });
    expect(surelyNotProcessed(network({ requestSent: false }))).toBe(true);
    expect(surelyNotProcessed(network({ requestSent: true }))).toBe(false);
    expect(surelyNotProcessed(network({}))).toBe(false);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { requestSent: false });
    expect(surelyNotProcessed(network({ cause: new Error('wrapped', { cause: refused }) }))).toBe(true);
    const reset = Object.assign(new Error('socket hang up'), { requestSent: true });
    expect(surelyNotProcessed(network({ cause: reset }))).toBe(false);
    expect(surelyNotProcessed(network({ cause: Object.assign(new Error('x'), { requestSent: 'no' }) }))).toBe(false);
  });

  it('never holds for a timeout or an unknown error', () => {
    expect(surelyNotProcessed(new VolcTimeoutError({ ...ctx, kind: 'attempt', timeout: 1 }))).toBe(false);
    expect(surelyNotProcessed(new Error('InvalidTimestamp'))).toBe(false);
    expect(surelyNotProcessed(undefined)).toBe(false);
  });
});

describe('decideRetry: non-idempotent actions', () => {
  it('retries a refusal that proves the request was not processed', () => {
    expect(decideRetry({ error: serviceError('FlowLimitExceeded', 429), attempt: 1 }, policy, top)).toEqual({
      retry: true,
      delay: 999,
    });
  });

  it('stops with outcomeUnknown on an ambiguous failure, unless the action is idempotent', () => {
    const error = serviceError('InternalError', 500);
    expect(decideRetry({ error, attempt: 1 }, policy, top)).toEqual({
      retry: false,
      reason: 'the request may have been processed and the action is not safe to repeat',
      outcomeUnknown: true,
    });
    expect(decideRetry({ error, attempt: 1, idempotent: false }, policy, top)).toMatchObject({ outcomeUnknown: true });
    expect(decideRetry({ error, attempt: 1, idempotent: true }, policy, top)).toEqual({ retry: true, delay: 99 });
  });

  it('does not call a non-retryable error ambiguous', () => {
    expect(decideRetry({ error: serviceError('InvalidParameter', 400), attempt: 1 }, policy, top)).toEqual({
      retry: false,
      reason: 'not retryable',
    });
  });
});

describe('decideRetry: bounds', () => {
  const error = serviceError('InternalError', 500);
  const ask = (extra: { attempt?: number; retryAfter?: number; remaining?: number }) =>
    decideRetry({ error, attempt: 1, idempotent: true, ...extra }, policy, top);

  it('stops once the attempts reach maxAttempts', () => {
    expect(ask({ attempt: 2 })).toEqual({ retry: true, delay: 199 });
    expect(ask({ attempt: 3 })).toEqual({ retry: false, reason: 'no attempts left (3)' });
    expect(ask({ attempt: 4 })).toMatchObject({ retry: false });
  });

  it('takes Retry-After from 0 up to maxRetryAfter, and backs off outside that', () => {
    expect(ask({ retryAfter: 0 })).toEqual({ retry: true, delay: 0 });
    expect(ask({ retryAfter: 5000 })).toEqual({ retry: true, delay: 5000 });
    expect(ask({ retryAfter: 5001 })).toEqual({ retry: true, delay: 99 });
    expect(ask({ retryAfter: -1 })).toEqual({ retry: true, delay: 99 });
  });

  it('stops when the delay would reach the deadline, and retries when it ends just before', () => {
    expect(ask({ retryAfter: 300, remaining: 300 })).toEqual({
      retry: false,
      reason: 'the total deadline would pass before the next attempt',
    });
    expect(ask({ retryAfter: 300, remaining: 301 })).toEqual({ retry: true, delay: 300 });
    expect(ask({ retryAfter: 0, remaining: 0 })).toMatchObject({ retry: false });
  });

  it('backs off from the throttling base for throttling, and from the base otherwise', () => {
    const throttled = serviceError('FlowLimitExceeded', 429);
    expect(decideRetry({ error: throttled, attempt: 2 }, policy, top)).toEqual({ retry: true, delay: 1999 });
    expect(decideRetry({ error: responseError(502), attempt: 2, idempotent: true }, policy, top)).toEqual({
      retry: true,
      delay: 199,
    });
  });
});

describe('backoffDelay', () => {
  it('counts the first retry from the base and never below it', () => {
    expect(backoffDelay(1, 100, 20_000, top)).toBe(99);
    expect(backoffDelay(0, 100, 20_000, top)).toBe(99);
    expect(backoffDelay(-3, 100, 20_000, top)).toBe(99);
    expect(backoffDelay(4, 100, 20_000, top)).toBe(799);
    expect(backoffDelay(4, 100, 500, top)).toBe(499);
  });
});

describe('shouldCorrectClock', () => {
  it('corrects once, for InvalidTimestamp service errors only', () => {
    expect(shouldCorrectClock(serviceError('InvalidTimestamp', 401), false)).toBe(true);
    expect(shouldCorrectClock(serviceError('InvalidTimestamp', 401), true)).toBe(false);
    expect(shouldCorrectClock(serviceError('SignatureDoesNotMatch', 401), false)).toBe(false);
    expect(shouldCorrectClock(Object.assign(new Error('x'), { code: 'InvalidTimestamp' }), false)).toBe(false);
  });
});
