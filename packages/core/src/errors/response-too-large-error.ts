import { hasErrorKind, VolcError } from './volc-error.js';

/**
 * The response body exceeded `maxResponseBytes` (counted after decompression); reading stopped at the
 * limit and the connection was closed. Not retried: the same request would get the same body.
 */
export class VolcResponseTooLargeError extends VolcError {
  protected static override readonly errorKind: string = 'VolcResponseTooLargeError';

  /** The limit in bytes. */
  readonly limit: number;
  readonly status: number;
  /** From the gateway's headers, when it sent one. */
  readonly requestId: string | undefined;
  readonly action: string;
  readonly service: string;
  readonly retryable = false;

  constructor(init: {
    limit: number;
    status: number;
    requestId?: string | undefined;
    action: string;
    service: string;
    cause?: unknown;
  }) {
    super(
      `${init.service} ${init.action}: the response body (HTTP ${init.status}) exceeds maxResponseBytes (${init.limit} bytes)` +
        (init.requestId ? `, RequestId ${init.requestId}` : ''),
      { cause: init.cause },
    );
    this.name = 'VolcResponseTooLargeError';
    this.limit = init.limit;
    this.status = init.status;
    this.requestId = init.requestId;
    this.action = init.action;
    this.service = init.service;
  }
}

/** Narrows an unknown error to a {@link VolcResponseTooLargeError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcResponseTooLargeError(error: unknown): error is VolcResponseTooLargeError {
  return hasErrorKind(error, 'VolcResponseTooLargeError');
}
