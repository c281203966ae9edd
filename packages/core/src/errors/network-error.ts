import { mayHaveSent } from '../transport/sent.js';
import { errorCode } from '../transport/types.js';
import { REDACTED } from '../redact.js';
import { hasErrorKind, VolcError } from './volc-error.js';

/**
 * A transport's message about a header may quote the header's value (undici: `Headers.append: "<value>" is
 * an invalid header value`), and that value may be a signature or a token: quoted parts are dropped.
 */
function withoutHeaderValues(message: string): string {
  return /header/i.test(message) ? message.replace(/"[^"]*"?/g, REDACTED) : message;
}

/**
 * The cause as given, unless a message in its chain quotes a header value: then a copy of the chain with
 * those values dropped (name, message, `code` and `requestSent` kept), so the secret is not reachable
 * through `cause` either.
 */
function safeCause(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth >= 3) return error;
  const message = withoutHeaderValues(error.message);
  const cause = safeCause(error.cause, depth + 1);
  if (message === error.message && cause === error.cause) return error;
  const copy = new Error(message, cause === undefined ? undefined : { cause });
  copy.name = error.name;
  for (const key of ['code', 'requestSent'] as const) {
    if (key in error)
      Object.defineProperty(copy, key, { value: (error as unknown as Record<string, unknown>)[key], enumerable: true });
  }
  return copy;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const message = withoutHeaderValues(current.message);
    if (message && !parts.includes(message)) parts.push(message);
    current = current.cause;
  }
  // A proxy URL in a message may carry user:password.
  return (parts.join(': ') || String(error)).replace(/\/\/[^/@\s]+@/g, '//[redacted]@');
}

/**
 * The request did not complete: connection refused or reset, DNS failure, TLS failure, ... `cause` keeps the
 * original (a copy without header values when the transport quoted one).
 */
export class VolcNetworkError extends VolcError {
  protected static override readonly errorKind: string = 'VolcNetworkError';

  /** Node's error code when there is one, such as `ECONNRESET`. */
  readonly code: string | undefined;
  readonly action: string;
  readonly service: string;
  readonly retryable: boolean;
  /**
   * False when no byte of the request can have reached the server (DNS failure, connection refused,
   * request not built), true when the server may have received and acted on it.
   */
  readonly requestSent: boolean;
  /** True when the request went out on a kept-alive connection that an earlier request used. */
  readonly reusedConnection: boolean;

  constructor(init: {
    action: string;
    service: string;
    cause: unknown;
    retryable: boolean;
    requestSent?: boolean;
    reusedConnection?: boolean;
    /** What to do about it, appended to the message. */
    hint?: string;
  }) {
    const code = errorCode(init.cause);
    const cause = safeCause(init.cause);
    super(
      `Network error calling ${init.service} ${init.action}: ${describeCause(cause)}${code ? ` (${code})` : ''}` +
        (init.hint ? `. ${init.hint}` : ''),
      { cause },
    );
    this.name = 'VolcNetworkError';
    this.code = code;
    this.action = init.action;
    this.service = init.service;
    this.retryable = init.retryable;
    this.requestSent = init.requestSent ?? mayHaveSent(init.cause);
    this.reusedConnection = init.reusedConnection ?? false;
  }
}

/** Narrows an unknown error to a {@link VolcNetworkError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcNetworkError(error: unknown): error is VolcNetworkError {
  return hasErrorKind(error, 'VolcNetworkError');
}
