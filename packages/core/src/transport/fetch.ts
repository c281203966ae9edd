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
 *
 * At most `maxSockets` requests per endpoint are in flight (fetch has no such setting; see slots.ts); the
 * others wait in order, and their wait counts toward their attempt's timeout.
 */
import type { KyInstance } from 'ky';
import { readAnswer, refuseUnreadable, timeLeft } from './fetch-body.js';
import type { PooledTransport } from './pool.js';
import { mayHaveSent } from './sent.js';
import { DeadlineReached } from './signals.js';
import { cappedTransport } from './slots.js';
import { DEFAULT_MAX_RESPONSE_BYTES, TransportError } from './types.js';

interface LoadedKy {
  readonly ky: KyInstance;
  readonly TimeoutError: abstract new (...args: never[]) => Error;
}

/**
 * A transport over one ky instance, made on first use. `fetchImpl` replaces `globalThis.fetch`; `maxSockets`
 * (default 50, `Infinity` for no cap) caps the requests in flight per endpoint. `close()` lets the requests
 * in flight end and refuses later ones; the connections themselves belong to the `fetch` implementation.
 *
 * @throws {RangeError} `maxSockets` is neither a positive integer nor `Infinity`
 */
export function createFetchTransport(fetchImpl?: typeof fetch, maxSockets?: number): PooledTransport {
  let loaded: Promise<LoadedKy> | undefined;
  return cappedTransport(maxSockets, async (request, startedAt) => {
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
    // The attempt's timeout counts from startedAt: a wait for a slot is part of it.
    const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const left = timeLeft(request, startedAt);
    if (left !== undefined && left <= 0) throw new DeadlineReached('attempt', request.timeout!, false);
    let response: Response;
    try {
      response = await ky(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        timeout: left ?? false,
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
    await refuseUnreadable(response, request.url, maxBytes);
    return readAnswer(response, request, startedAt, maxBytes);
  });
}
