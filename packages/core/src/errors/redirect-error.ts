import { hasErrorKind, VolcError } from './volc-error.js';

/**
 * The endpoint answered with a redirect (HTTP 3xx), which the SDK never follows: following it would
 * send the body and the signature (session token included) to whatever host the Location names, or
 * downgrade https to http. Not retried. Check the `endpoint` option or the proxy in between.
 */
export class VolcRedirectError extends VolcError {
  protected static override readonly errorKind: string = 'VolcRedirectError';

  readonly status: number;
  /** Origin of the Location header (`https://other.example`), or undefined when there was none (or a browser hid it). */
  readonly locationOrigin: string | undefined;
  readonly action: string;
  readonly service: string;
  readonly retryable = false;

  constructor(init: {
    status: number;
    locationOrigin?: string | undefined;
    action: string;
    service: string;
    cause?: unknown;
  }) {
    const target = init.locationOrigin ? ` to ${init.locationOrigin}` : '';
    super(
      `${init.service} ${init.action}: the endpoint answered HTTP ${init.status} with a redirect${target}; redirects are never followed`,
      { cause: init.cause },
    );
    this.name = 'VolcRedirectError';
    this.status = init.status;
    this.locationOrigin = init.locationOrigin;
    this.action = init.action;
    this.service = init.service;
  }
}

/** Narrows an unknown error to a {@link VolcRedirectError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcRedirectError(error: unknown): error is VolcRedirectError {
  return hasErrorKind(error, 'VolcRedirectError');
}
