import { hasErrorKind, VolcError } from './volc-error.js';

/**
 * A deadline passed: `attempt` when one attempt exceeded `timeout` (retried while attempts and the
 * total deadline allow), `total` when the whole call exceeded `totalTimeout`.
 */
export class VolcTimeoutError extends VolcError {
  protected static override readonly errorKind: string = 'VolcTimeoutError';

  readonly kind: 'attempt' | 'total';
  /** The limit that was exceeded, in milliseconds. */
  readonly timeout: number;
  readonly action: string;
  readonly service: string;

  constructor(init: { kind: 'attempt' | 'total'; timeout: number; action: string; service: string; cause?: unknown }) {
    const what = init.kind === 'attempt' ? 'attempt' : 'call';
    super(`${init.service} ${init.action}: ${what} timed out after ${init.timeout} ms`, { cause: init.cause });
    this.name = 'VolcTimeoutError';
    this.kind = init.kind;
    this.timeout = init.timeout;
    this.action = init.action;
    this.service = init.service;
  }
}

/** Narrows an unknown error to a {@link VolcTimeoutError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcTimeoutError(error: unknown): error is VolcTimeoutError {
  return hasErrorKind(error, 'VolcTimeoutError');
}
