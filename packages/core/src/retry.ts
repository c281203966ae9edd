/**
 * Retry and clock-skew decisions as small pure functions: no I/O, no timers, randomness injected.
 * The client's request loop asks these and does what they say.
 */
import { RETRYABLE_HTTP_STATUSES, retryKindOf, type RetryKind } from './errors/codes.js';
import { VolcNetworkError } from './errors/network-error.js';
import { VolcResponseError } from './errors/response-error.js';
import { VolcServiceError } from './errors/service-error.js';
import { VolcTimeoutError } from './errors/timeout-error.js';
import type { RetryPolicy } from './retry-policy.js';
import { inCauses } from './transport/types.js';

export type { RetryPolicy } from './retry-policy.js';

/** Why an error may be retried, or undefined when it must not be (client errors, total timeout, abort, ...). */
export function retryKindOfError(error: unknown): RetryKind | undefined {
  if (error instanceof VolcServiceError)
    return error.retryable ? (retryKindOf(error.code, error.status) ?? 'transient') : undefined;
  if (error instanceof VolcResponseError)
    return error.retryable ? (RETRYABLE_HTTP_STATUSES[error.status] ?? 'transient') : undefined;
  if (error instanceof VolcNetworkError) return error.retryable ? 'transient' : undefined;
  if (error instanceof VolcTimeoutError) return error.kind === 'attempt' ? 'transient' : undefined;
  return undefined;
}

/**
 * Exponential backoff with full jitter: a uniform random delay in [0, min(maxDelay, base * 2^(retry-1))).
 * `retry` counts from 1 (the first retry).
 */
export function backoffDelay(
  retry: number,
  base: number,
  maxDelay: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelay, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Reads a header from a `Headers` or a plain record, case-insensitively. */
export type HeaderGetter = (name: string) => string | null | undefined;

const HTTP_DATE = /^[A-Za-z]{3,9},? .*\b\d\d:\d\d:\d\d\b/;

/**
 * Delay the server asked for, in ms: `retry-after-ms`, or `Retry-After` as seconds or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(get: HeaderGetter, now: number): number | undefined {
  const ms = get('retry-after-ms');
  if (ms && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // Date.parse takes almost anything (`-1` and `5,` are dates in 2001, hence "retry now"): only the HTTP
  // date forms, a day name then a time (IMF-fixdate, RFC 850, asctime), are read as one.
  if (!HTTP_DATE.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export type RetryDecision =
  | { readonly retry: true; readonly delay: number }
  | {
      readonly retry: false;
      readonly reason: string;
      /** The action may have been applied and is not safe to repeat: the caller must find out before trying again. */
      readonly outcomeUnknown?: true;
    };

/**
 * True when the failed request surely did not reach the point where the service acts on it, so repeating
 * even a non-idempotent write cannot apply it twice:
 * - a network failure before the request was sent: connection refused, DNS failure, unreachable network,
 *   connect timeout, TLS failure: the network error's `requestSent` is false, or a transport error in its
 *   `cause` chain carries `requestSent: false`;
 * - a throttling refusal (HTTP 429, FlowLimitExceeded and the other throttling codes);
 * - a signature or timestamp refusal (the gateway checks these before the service sees the request);
 * - an attempt timeout reached while the request still waited for a connection (`maxSockets`).
 *
 * Everything else is ambiguous: an attempt timeout, a connection reset after the request went out, a 5xx
 * or InternalError, an unreadable response.
 */
export function surelyNotProcessed(error: unknown): boolean {
  if (error instanceof VolcNetworkError) {
    // `requestSent` of the transport error under it: false when the transport knows no byte left.
    const sent = inCauses(error.cause, (e) => (typeof e.requestSent === 'boolean' ? e.requestSent : undefined));
    return error.requestSent === false || sent === false;
  }
  if (error instanceof VolcServiceError) {
    return REFUSED_BEFORE_PROCESSING.has(error.code) || retryKindOf(error.code, error.status) === 'throttling';
  }
  if (error instanceof VolcResponseError) return RETRYABLE_HTTP_STATUSES[error.status] === 'throttling';
  // A deadline reached while the request waited for a connection (maxSockets): it never left.
  if (error instanceof VolcTimeoutError)
    return inCauses(error.cause, (e) => (typeof e.requestSent === 'boolean' ? e.requestSent : undefined)) === false;
  return false;
}

/** Service codes the gateway answers before the service runs anything. */
const REFUSED_BEFORE_PROCESSING: ReadonlySet<string> = new Set([
  'InvalidTimestamp',
  'SignatureDoesNotMatch',
  'InvalidAuthorization',
  'InvalidCredential',
  'InvalidAccessKey',
  'InvalidSecretToken',
  'MissingSignature',
  'MissingRequestInfo',
]);

export interface RetryQuestion {
  readonly error: unknown;
  /** Attempts made so far (1 after the first). */
  readonly attempt: number;
  /** The server's `Retry-After`, ms. */
  readonly retryAfter?: number;
  /** Time left before the total deadline, ms; undefined without one. */
  readonly remaining?: number;
  /**
   * Whether the action is safe to repeat after an ambiguous failure (the operation's `idempotent`).
   * When false, only failures that {@link surelyNotProcessed} are retried. @default false
   */
  readonly idempotent?: boolean;
}

/** Whether to try again and after how long. */
export function decideRetry(
  question: RetryQuestion,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  const kind = retryKindOfError(question.error);
  if (!kind) return { retry: false, reason: 'not retryable' };
  if (question.idempotent !== true && !surelyNotProcessed(question.error)) {
    return {
      retry: false,
      reason: 'the request may have been processed and the action is not safe to repeat',
      outcomeUnknown: true,
    };
  }
  if (question.attempt >= policy.maxAttempts)
    return { retry: false, reason: `no attempts left (${policy.maxAttempts})` };
  const { retryAfter } = question;
  const delay =
    retryAfter !== undefined && retryAfter >= 0 && retryAfter <= policy.maxRetryAfter
      ? retryAfter
      : backoffDelay(
          question.attempt,
          kind === 'throttling' ? policy.throttlingBaseDelay : policy.baseDelay,
          policy.maxDelay,
          random,
        );
  if (question.remaining !== undefined && delay >= question.remaining) {
    return { retry: false, reason: 'the total deadline would pass before the next attempt' };
  }
  return { retry: true, delay };
}

/** Clock correction applies to `InvalidTimestamp`, once per call. */
export function shouldCorrectClock(error: unknown, alreadyCorrected: boolean): boolean {
  return !alreadyCorrected && error instanceof VolcServiceError && error.code === 'InvalidTimestamp';
}
