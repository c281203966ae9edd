/**
 * The transport contract: one HTTP exchange in, status + headers + body text out. The client's loop
 * signs, retries and parses; a transport only sends, once, and never follows a redirect.
 */

/** One request, fully prepared (signed headers included). */
export interface HttpRequest {
  /** Absolute `http:` or `https:` URL, query included. */
  readonly url: string;
  /** `GET` or `POST` for Volcengine actions; other methods pass through. */
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Body as text, sent as UTF-8. */
  readonly body?: string;
  /** Aborts the exchange; the transport rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /**
   * Limit of the whole exchange in ms, reading the body included; past it the connection is closed and
   * the transport rejects with `DeadlineReached`. Undefined, or beyond 2^31-1 ms, means no limit.
   */
  readonly timeout?: number;
  /**
   * Largest response body accepted, in bytes after decompression. @default {@link DEFAULT_MAX_RESPONSE_BYTES}
   */
  readonly maxResponseBytes?: number;
}

/** Response headers; names are matched without regard to case. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** The whole body as text (UTF-8). */
  readonly text: string;
}

/**
 * Sends one request. Rejects with `DeadlineReached` when `timeout` passes, with the signal's reason when
 * `signal` aborts, and with {@link TransportError} for everything else the built-in transports detect
 * (any other rejection is treated as a network failure whose request may have been sent).
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** 64 MiB: the default of `maxResponseBytes`. The largest Volcengine list pages are a few MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * What went wrong in a transport:
 * - `redirect`: the server answered 3xx; redirects are never followed (they would carry the body and
 *   the signature to another host). `status` and the Location's `locationOrigin` are set.
 * - `too-large`: the body (after decompression) exceeded `limit` bytes; reading stopped there.
 * - `network`: the connection failed (`code` such as `ECONNREFUSED`, `ECONNRESET`).
 * - `request`: the request could not be built locally (bad URL, header value); nothing was sent.
 */
export type TransportErrorKind = 'redirect' | 'too-large' | 'network' | 'request';

export interface TransportErrorInit {
  readonly kind: TransportErrorKind;
  readonly requestSent: boolean;
  readonly reusedConnection?: boolean;
  readonly status?: number;
  readonly headers?: ResponseHeaders;
  readonly locationOrigin?: string;
  readonly limit?: number;
  readonly cause?: unknown;
}

/** A failure of one exchange, with the facts a retry decision needs. */
export class TransportError extends Error {
  readonly kind: TransportErrorKind;
  /**
   * False when no byte of the request can have reached the server (DNS failure, connection refused, TLS
   * or proxy handshake failed, request not built); true when it may have been received and acted on.
   */
  readonly requestSent: boolean;
  /** True when the request went out on a kept-alive connection that an earlier request used. */
  readonly reusedConnection: boolean;
  /** Node's error code of the cause, such as `ECONNRESET`. */
  readonly code: string | undefined;
  /** HTTP status, for `redirect` and `too-large`. */
  readonly status: number | undefined;
  /** Response headers, for `redirect` and `too-large`. */
  readonly headers: ResponseHeaders | undefined;
  /** Origin of the redirect's Location (`https://other.example`), or undefined when hidden or absent. */
  readonly locationOrigin: string | undefined;
  /** `maxResponseBytes` in force, for `too-large`. */
  readonly limit: number | undefined;

  constructor(message: string, init: TransportErrorInit) {
    super(message, { cause: init.cause });
    this.name = 'TransportError';
    this.kind = init.kind;
    this.requestSent = init.requestSent;
    this.reusedConnection = init.reusedConnection ?? false;
    this.code = errorCode(init.cause);
    this.status = init.status;
    this.headers = init.headers;
    this.locationOrigin = init.locationOrigin;
    this.limit = init.limit;
  }
}

/** The first value `read` finds on an error or on its causes, up to five deep. */
export function inCauses<T>(error: unknown, read: (error: Record<string, unknown>) => T | undefined): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const found = read(current as Record<string, unknown>);
    if (found !== undefined) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The first `code` on an error or its causes. */
export function errorCode(error: unknown): string | undefined {
  return inCauses(error, (e) => (typeof e.code === 'string' ? e.code : undefined));
}

/** The origin of a Location value resolved against the request URL, or undefined when it is not a URL. */
export function locationOrigin(location: string | null | undefined, requestUrl: string): string | undefined {
  if (!location) return undefined;
  try {
    return new URL(location, requestUrl).origin;
  } catch {
    return undefined;
  }
}

/** The error for a 3xx answer. */
export function redirectError(status: number, headers: ResponseHeaders, requestUrl: string): TransportError {
  const origin = locationOrigin(headers.get('location'), requestUrl);
  return new TransportError(`HTTP ${status} redirect${origin ? ` to ${origin}` : ''} not followed`, {
    kind: 'redirect',
    requestSent: true,
    status,
    headers,
    ...(origin ? { locationOrigin: origin } : {}),
  });
}

/** The error for a body over the limit. */
export function tooLargeError(status: number, headers: ResponseHeaders | undefined, limit: number): TransportError {
  return new TransportError(`response body exceeds ${limit} bytes`, {
    kind: 'too-large',
    requestSent: true,
    status,
    ...(headers ? { headers } : {}),
    limit,
  });
}

/** True for 3xx statuses, the answers a transport turns into a `redirect` error. */
export function isRedirectStatus(status: number): boolean {
  return status >= 300 && status < 400;
}
