/**
 * The one path by which credential sources (STS, instance metadata, the SSO portal) talk HTTP. It rides
 * on the same sender as service calls, so when core's transport changes, this function is the one place
 * to wire the new transport in.
 */
import { createHttpSender, type HttpResponse, type HttpSender } from '../transport/http.js';
import { DeadlineReached } from '../transport/signals.js';

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

const senders = new WeakMap<typeof fetch, HttpSender>();
let defaultSender: HttpSender | undefined;

function senderFor(fetchImpl: typeof fetch | undefined): HttpSender {
  if (!fetchImpl) return (defaultSender ??= createHttpSender());
  let sender = senders.get(fetchImpl);
  if (!sender) senders.set(fetchImpl, (sender = createHttpSender(fetchImpl)));
  return sender;
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
export async function sendCredentialRequest(request: CredentialHttpRequest, options: CredentialHttpOptions = {}): Promise<HttpResponse> {
  const send = senderFor(options.fetch);
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
