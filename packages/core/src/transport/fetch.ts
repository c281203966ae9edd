/**
 * The transport of fetch runtimes (browsers, Deno, Bun, edge workers): one HTTP exchange through ky, with
 * its cheapest options: no retries (the client's loop retries and re-signs every attempt), no hooks,
 * HTTP errors that do not throw (error bodies are parsed), and `redirect: 'manual'`, so a 3xx answer
 * is never followed.
 *
 * The attempt timeout is ky's own `timeout` until the headers arrive, then a timer that cancels the body
 * read. Handing ky an `AbortSignal` for it instead costs an `AbortSignal.any()` inside ky on every
 * request; so ky gets a signal only when the caller gave one or a total deadline applies.
 *
 * ky is imported on first use: its module runs feature checks (`new Request()`) that cost milliseconds at
 * import time.
 */
import type { KyInstance } from 'ky';
import { readText } from './fetch-body.js';
import { mayHaveSent } from './sent.js';
import { DeadlineReached, isTimerLimit } from './signals.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  isRedirectStatus,
  redirectError,
  tooLargeError,
  TransportError,
  type HttpTransport,
} from './types.js';

interface LoadedKy {
  readonly ky: KyInstance;
  readonly TimeoutError: abstract new (...args: never[]) => Error;
}

/** A transport over one ky instance, made on first use. `fetchImpl` replaces `globalThis.fetch`. */
export function createFetchTransport(fetchImpl?: typeof fetch): HttpTransport {
  let loaded: Promise<LoadedKy> | undefined;
  return async (request) => {
    loaded ??= import('ky').then(({ default: ky, TimeoutError }) => ({
      ky: ky.create({
        retry: 0,
        throwHttpErrors: false,
        redirect: 'manual',
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      }),
      TimeoutError,
    }));
    const { ky, TimeoutError } = await loaded;
    const limited = isTimerLimit(request.timeout);
    const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const startedAt = Date.now();
    let response: Response;
    try {
      response = await ky(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        timeout: limited ? request.timeout! : false,
      });
    } catch (error) {
      // ky has aborted the request already.
      if (error instanceof TimeoutError) throw new DeadlineReached('attempt', request.timeout!);
      if (request.signal?.aborted) throw error;
      throw new TransportError(error instanceof Error ? error.message : 'fetch failed', {
        kind: 'network',
        requestSent: mayHaveSent(error),
        cause: error,
      });
    }
    // A browser hides a manual redirect behind an opaque response with status 0.
    if (response.type === 'opaqueredirect' || isRedirectStatus(response.status)) {
      await response.body?.cancel().catch(() => {});
      throw redirectError(response.status || 302, response.headers, request.url);
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLargeError(response.status, response.headers, maxBytes);
    }
    const text = await readText(response, limited ? request.timeout! - (Date.now() - startedAt) : undefined, maxBytes);
    if (text === undefined) throw new DeadlineReached('attempt', request.timeout!);
    return { status: response.status, headers: response.headers, text };
  };
}
