/**
 * The one path by which credential sources (STS, instance metadata, the SSO portal) talk HTTP. It rides
 * on the same transport as service calls: no redirects followed, bounded bodies, proxies from the environment.
 */
import { defaultTransport } from '../transport/default.js';
import { DeadlineReached } from '../transport/signals.js';
import type { HttpResponse, HttpTransport } from '../transport/types.js';

export interface CredentialHttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Limit of the whole exchange in ms (connect, send, read the body). */
  readonly timeout: number;
}

/** Options shared by every provider that makes HTTP calls. */
export interface CredentialHttpOptions {
  /** A fetch implementation, for proxies and tests. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

// Same transport rules as service calls (no redirects, bounded bodies, proxies from the environment).
const transports = new WeakMap<typeof fetch, HttpTransport>();
let sharedTransport: HttpTransport | undefined;

function transportFor(fetchImpl: typeof fetch | undefined): HttpTransport {
  if (!fetchImpl) return (sharedTransport ??= defaultTransport());
  let transport = transports.get(fetchImpl);
  if (!transport) transports.set(fetchImpl, (transport = defaultTransport({ fetch: fetchImpl })));
  return transport;
}

/** Thrown when a credential request runs out of time; `ms` is the limit that passed. */
export class CredentialRequestTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'CredentialRequestTimeout';
  }
}

/**
 * Sends one request for a credential source; the whole body is read within `timeout`. Rejects with
 * {@link CredentialRequestTimeout} past it, or with the network error.
 */
export async function sendCredentialRequest(
  request: CredentialHttpRequest,
  options: CredentialHttpOptions = {},
): Promise<HttpResponse> {
  const send = transportFor(options.fetch);
  try {
    return await send({
      url: request.url,
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body !== undefined ? { body: request.body } : {}),
      timeout: request.timeout,
    });
  } catch (error) {
    if (error instanceof DeadlineReached) throw new CredentialRequestTimeout(request.timeout);
    throw error;
  }
}

/** A short reason for a failed exchange, safe to show: the error's class and code, never a body. */
export function describeHttpFailure(error: unknown): string {
  if (error instanceof CredentialRequestTimeout) return error.message;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return `network error ${code}`;
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 100)}` : 'request failed';
}
