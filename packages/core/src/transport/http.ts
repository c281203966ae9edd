/**
 * One HTTP exchange through ky, with its cheapest options: no retries (the client's loop retries and
 * re-signs every attempt), no hooks, and HTTP errors that do not throw, so error bodies can be parsed.
 *
 * The attempt timeout is ky's own `timeout` until the headers arrive, then a timer that cancels the body
 * read. Handing ky an `AbortSignal` for it instead costs an `AbortSignal.any()` inside ky on every
 * request, the largest single cost of a call in Node 20; so ky gets a signal only when the caller gave one
 * or a total deadline applies.
 *
 * ky is imported on first use: its module runs feature checks (`new Request()`) that cost milliseconds at
 * import time.
 */
import type { KyInstance } from 'ky';
import { DeadlineReached, isTimerLimit } from './signals.js';

export interface HttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The caller's signal and the call's deadline; undefined when there are neither. */
  readonly signal?: AbortSignal;
  /** Limit of this attempt in ms, reading the whole body included; past it the exchange is cancelled. */
  readonly timeout: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The whole body as text. */
  readonly text: string;
}

/** Sends one request; rejects with {@link DeadlineReached} when the attempt runs out of time. */
export type HttpSender = (request: HttpRequest) => Promise<HttpResponse>;

interface LoadedKy {
  readonly ky: KyInstance;
  readonly TimeoutError: abstract new (...args: never[]) => Error;
}

/** A sender over one ky instance, made on first use. `fetchImpl` replaces `globalThis.fetch`. */
export function createHttpSender(fetchImpl?: typeof fetch): HttpSender {
  let loaded: Promise<LoadedKy> | undefined;
  return async (request) => {
    loaded ??= import('ky').then(({ default: ky, TimeoutError }) => ({
      ky: ky.create({ retry: 0, throwHttpErrors: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) }),
      TimeoutError,
    }));
    const { ky, TimeoutError } = await loaded;
    const limited = isTimerLimit(request.timeout);
    const startedAt = Date.now();
    let response: Response;
    try {
      response = await ky(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        timeout: limited ? request.timeout : false,
      });
    } catch (error) {
      // ky has aborted the request already.
      if (error instanceof TimeoutError) throw new DeadlineReached('attempt', request.timeout);
      throw error;
    }
    const text = await readText(response, limited ? request.timeout - (Date.now() - startedAt) : undefined);
    if (text === undefined) throw new DeadlineReached('attempt', request.timeout);
    return { status: response.status, headers: response.headers, text };
  };
}

/**
 * The whole body as text, or undefined when `ms` passes first: the read is then cancelled, which closes
 * the connection (a stalled body must not hold it open).
 */
async function readText(response: Response, ms: number | undefined): Promise<string | undefined> {
  if (ms === undefined || !response.body) return response.text();
  const reader = response.body.getReader();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => {});
  }, Math.max(0, ms));
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  } catch (error) {
    if (!timedOut) throw error;
  } finally {
    clearTimeout(timer);
  }
  return timedOut ? undefined : text + decoder.decode();
}
