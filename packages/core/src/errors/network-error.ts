import { VolcError } from './volc-error.js';

/** The first `code` found on an error or its causes (`ECONNRESET`, `UND_ERR_SOCKET`, ...). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    if (current.message && !parts.includes(current.message)) parts.push(current.message);
    current = current.cause;
  }
  // A proxy URL in a message may carry user:password.
  return (parts.join(': ') || String(error)).replace(/\/\/[^/@\s]+@/g, '//[redacted]@');
}

/** The request did not complete: connection refused or reset, DNS failure, TLS failure, ... `cause` keeps the original. */
export class VolcNetworkError extends VolcError {
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

  constructor(init: { action: string; service: string; cause: unknown; retryable: boolean; requestSent?: boolean; reusedConnection?: boolean }) {
    const code = networkErrorCode(init.cause);
    super(`Network error calling ${init.service} ${init.action}: ${describeCause(init.cause)}${code ? ` (${code})` : ''}`, {
      cause: init.cause,
    });
    this.name = 'VolcNetworkError';
    this.code = code;
    this.action = init.action;
    this.service = init.service;
    this.retryable = init.retryable;
    this.requestSent = init.requestSent ?? true;
    this.reusedConnection = init.reusedConnection ?? false;
  }
}
