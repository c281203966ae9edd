import { hasErrorKind, VolcError } from './volc-error.js';

/**
 * The request could not be built on this machine: a header value no HTTP message may carry, an invalid
 * URL. Nothing was sent, and another attempt would fail the same way, so it is never retried. The message
 * names the part (the header name), never its value.
 */
export class VolcRequestError extends VolcError {
  protected static override readonly errorKind: string = 'VolcRequestError';

  readonly action: string;
  readonly service: string;

  constructor(init: { action: string; service: string; problem: string; cause?: unknown }) {
    super(`${init.service} ${init.action}: the request could not be built, nothing was sent: ${init.problem}`, {
      cause: init.cause,
    });
    this.name = 'VolcRequestError';
    this.action = init.action;
    this.service = init.service;
  }
}

/** Narrows an unknown error to a {@link VolcRequestError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcRequestError(error: unknown): error is VolcRequestError {
  return hasErrorKind(error, 'VolcRequestError');
}
