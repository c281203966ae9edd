import { redactBodyText } from '../redact.js';
import { hasErrorKind, VolcError } from './volc-error.js';

const EXCERPT_LENGTH = 200;

/** The first characters of a body, whitespace collapsed and secret members redacted, for a message. */
export function bodyExcerpt(body: string): string {
  // Only the start is looked at: a 10 MiB body costs no more than a short one.
  const flat = redactBodyText(body.slice(0, 10 * EXCERPT_LENGTH))
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}...` : flat;
}

export interface VolcResponseErrorInit {
  /** What was wrong: `not JSON`, `no ResponseMetadata`, ... */
  reason: string;
  status: number;
  body: string;
  action: string;
  service: string;
  requestId?: string;
  retryable: boolean;
  cause?: unknown;
}

/**
 * The response could not be understood: an HTML error page from a proxy, truncated JSON, JSON
 * without `ResponseMetadata`. Keeps the status, a short excerpt of the body and the request id when
 * one was found.
 */
export class VolcResponseError extends VolcError {
  protected static override readonly errorKind: string = 'VolcResponseError';

  readonly status: number;
  readonly requestId: string | undefined;
  /** Up to 200 characters of the body, secret-looking members (`SecretAccessKey`, `SessionToken`, ...) redacted. */
  readonly bodyExcerpt: string;
  readonly action: string;
  readonly service: string;
  readonly retryable: boolean;

  constructor(init: VolcResponseErrorInit) {
    const excerpt = bodyExcerpt(init.body);
    super(
      `Unexpected response from ${init.service} ${init.action} (HTTP ${init.status}): ${init.reason}` +
        (excerpt ? `: ${JSON.stringify(excerpt)}` : ' (empty body)'),
      { cause: init.cause },
    );
    this.name = 'VolcResponseError';
    this.status = init.status;
    this.requestId = init.requestId;
    this.bodyExcerpt = excerpt;
    this.action = init.action;
    this.service = init.service;
    this.retryable = init.retryable;
  }
}

/** Narrows an unknown error to a {@link VolcResponseError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcResponseError(error: unknown): error is VolcResponseError {
  return hasErrorKind(error, 'VolcResponseError');
}
