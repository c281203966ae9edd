import { describe, expect, it } from 'vitest';
import {
  VolcNetworkError,
  VolcResponseError,
  VolcServiceError,
  VolcTimeoutError,
  VolcValidationError,
} from '../src/index.js';
import { RETRYABLE_ERROR_CODES, retryKindOf } from '../src/errors/codes.js';
import { clockOffsetFrom } from '../src/clock.js';
import { backoffDelay, decideRetry, parseRetryAfter, retryKindOfError, shouldCorrectClock } from '../src/retry.js';
import { DEFAULT_RETRY_POLICY } from '../src/retry-policy.js';

const ctx = { action: 'A', service: 's' };
function serviceError(code: string, status: number) {
  return new VolcServiceError({
    code,
    serverMessage: 'm',
    requestId: 'r',
    status,
    ...ctx,
    retryable: retryKindOf(code, status) !== undefined,
  });
}

describe('which failures are retried', () => {
  it.each([
    ['FlowLimitExceeded', 429, 'throttling'],
    ['FlowLimitExceeded', 200, 'throttling'],
    ['AccountFlowLimitExceeded', 400, 'throttling'],
    ['ServiceUnavailableTemp', 503, 'transient'],
    ['InternalServiceTimeout', 504, 'transient'],
    ['InternalError', 500, 'transient'],
    ['SomeServiceSpecificCode', 502, 'transient'],
    ['SomeServiceSpecificCode', 429, 'throttling'],
  ])('%s with HTTP %i is retried as %s', (code, status, kind) => {
    expect(retryKindOfError(serviceError(code, status))).toBe(kind);
  });

  it.each([
    ['InvalidParameter', 400],
    ['MissingParameter', 400],
    ['SignatureDoesNotMatch', 401],
    ['AccessDenied', 403],
    ['InvalidActionOrVersion', 404],
    ['InvalidParameter', 200],
    ['NotImplemented', 501],
  ])('%s with HTTP %i is never retried', (code, status) => {
    expect(retryKindOfError(serviceError(code, status))).toBeUndefined();
  });

  it('keeps the retryable codes as data', () => {
    expect(RETRYABLE_ERROR_CODES.FlowLimitExceeded).toBe('throttling');
    expect(Object.values(RETRYABLE_ERROR_CODES).every((k) => k === 'throttling' || k === 'transient')).toBe(true);
  });

  it('classifies the other error kinds', () => {
    const body = { reason: 'r', body: '<html>', ...ctx };
    expect(retryKindOfError(new VolcResponseError({ ...body, status: 502, retryable: true }))).toBe('transient');
    expect(retryKindOfError(new VolcResponseError({ ...body, status: 429, retryable: true }))).toBe('throttling');
    expect(retryKindOfError(new VolcResponseError({ ...body, status: 200, retryable: false }))).toBeUndefined();
    expect(retryKindOfError(new VolcNetworkError({ ...ctx, cause: new Error('reset'), retryable: true }))).toBe(
      'transient',
    );
    expect(
      retryKindOfError(new VolcNetworkError({ ...ctx, cause: new Error('dns'), retryable: false })),
    ).toBeUndefined();
    expect(retryKindOfError(new VolcTimeoutError({ ...ctx, kind: 'attempt', timeout: 1 }))).toBe('transient');
    expect(retryKindOfError(new VolcTimeoutError({ ...ctx, kind: 'total', timeout: 1 }))).toBeUndefined();
    expect(retryKindOfError(new VolcValidationError([{ path: 'a', rule: 'type', message: 'b' }]))).toBeUndefined();
    expect(retryKindOfError(new TypeError('x'))).toBeUndefined();
  });
});

describe('backoffDelay (full jitter)', () => {
  it('is uniform below an exponentially growing, capped ceiling', () => {
    expect(backoffDelay(1, 200, 20_000, () => 0.999999)).toBe(199);
    expect(backoffDelay(2, 200, 20_000, () => 0.5)).toBe(200);
    expect(backoffDelay(3, 200, 20_000, () => 0.5)).toBe(400);
    expect(backoffDelay(20, 200, 20_000, () => 0.5)).toBe(10_000);
    expect(backoffDelay(5, 200, 20_000, () => 0)).toBe(0);
  });

  it('spreads real random delays over the whole range', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(3, 100, 20_000));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(400);
    expect(delays.filter((d) => d < 200).length).toBeGreaterThan(800);
    expect(delays.filter((d) => d >= 200).length).toBeGreaterThan(800);
  });
});

describe('parseRetryAfter', () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    const now = Date.parse('2025-01-02T03:04:05Z');
    expect(parseRetryAfter(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu, 02 Jan 2025 03:04:08 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu, 02 Jan 2025 03:04:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '150', 'retry-after': '9' }), now)).toBe(150);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 };
  const half = () => 0.5;

  it('retries a retryable error with backoff while attempts remain', () => {
    const idempotent = true;
    expect(decideRetry({ error: serviceError('InternalError', 500), attempt: 1, idempotent }, policy, half)).toEqual({
      retry: true,
      delay: 100,
    });
    expect(decideRetry({ error: serviceError('InternalError', 500), attempt: 2, idempotent }, policy, half)).toEqual({
      retry: true,
      delay: 200,
    });
    expect(
      decideRetry({ error: serviceError('InternalError', 500), attempt: 3, idempotent }, policy, half),
    ).toMatchObject({ retry: false });
  });

  it('backs off longer for throttling', () => {
    expect(decideRetry({ error: serviceError('FlowLimitExceeded', 429), attempt: 1 }, policy, half)).toEqual({
      retry: true,
      delay: 500,
    });
  });

  it('waits exactly what Retry-After asks, unless it is unreasonably long', () => {
    expect(
      decideRetry({ error: serviceError('FlowLimitExceeded', 429), attempt: 1, retryAfter: 1234 }, policy, half),
    ).toEqual({ retry: true, delay: 1234 });
    expect(
      decideRetry({ error: serviceError('FlowLimitExceeded', 429), attempt: 1, retryAfter: 3_600_000 }, policy, half),
    ).toEqual({ retry: true, delay: 500 });
  });

  it('never retries client errors', () => {
    expect(decideRetry({ error: serviceError('InvalidParameter', 400), attempt: 1 }, policy, half)).toEqual({
      retry: false,
      reason: 'not retryable',
    });
  });

  it('does not retry when the wait would pass the total deadline', () => {
    expect(
      decideRetry(
        { error: serviceError('InternalError', 500), attempt: 1, remaining: 50, idempotent: true },
        policy,
        half,
      ),
    ).toMatchObject({ retry: false });
    expect(
      decideRetry(
        { error: serviceError('InternalError', 500), attempt: 1, remaining: 5000, idempotent: true },
        policy,
        half,
      ),
    ).toMatchObject({ retry: true });
  });
});

describe('clock skew', () => {
  it('computes the offset from the Date header', () => {
    const local = Date.parse('2025-01-02T03:00:00Z');
    expect(clockOffsetFrom('Thu, 02 Jan 2025 03:10:00 GMT', local)).toBe(600_000);
    expect(clockOffsetFrom('Thu, 02 Jan 2025 02:50:00 GMT', local)).toBe(-600_000);
    expect(clockOffsetFrom(null, local)).toBeUndefined();
    expect(clockOffsetFrom('garbage', local)).toBeUndefined();
  });

  it('corrects once, for InvalidTimestamp only', () => {
    expect(shouldCorrectClock(serviceError('InvalidTimestamp', 401), false)).toBe(true);
    expect(shouldCorrectClock(serviceError('InvalidTimestamp', 401), true)).toBe(false);
    expect(shouldCorrectClock(serviceError('SignatureDoesNotMatch', 401), false)).toBe(false);
  });
});
