/**
 * The fetch transport of the Node build (Node with a `fetch` option, Bun, Deno): `fetch` called directly,
 * with exactly what fetch.ts asks of ky (no retries, HTTP errors as answers, `redirect: 'manual'`, the
 * attempt timeout until the headers arrive, then a timer on the body read) and none of ky's per-request
 * work (options merging, a `Request` object, hooks, its own timeout and signal plumbing), which cost
 * more CPU per call than the exchange itself (bench/measures/9-cpu-vs-floor.ts). Browsers keep ky
 * (default.browser.ts takes fetch.ts).
 *
 * The caller's signal and the attempt timeout share one `AbortController`, made only when there is a
 * timeout; the caller's signal is passed as it is otherwise.
 */
import { readAnswer, refuseUnreadable, timeLeft } from './fetch-body.js';
import type { PooledTransport } from './pool.js';
import { mayHaveSent } from './sent.js';
import { DeadlineReached } from './signals.js';
import { cappedTransport } from './slots.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  tooLargeError,
  TransportError,
  type HttpRequest,
  type HttpResponse,
} from './types.js';

/**
 * A transport that calls `fetchImpl` (else `globalThis.fetch`, looked up on each call) itself. At most
 * `maxSockets` requests per endpoint (default 50, `Infinity` for no cap) are in flight; the others wait in
 * order (slots.ts), and the wait counts toward their attempt's timeout. `close()` lets the requests in
 * flight end and refuses later ones.
 *
 * @throws {RangeError} `maxSockets` is neither a positive integer nor `Infinity`
 */
export function createDirectFetchTransport(fetchImpl?: typeof fetch, maxSockets?: number): PooledTransport {
  return cappedTransport(maxSockets, (request, startedAt) => exchange(fetchImpl, request, startedAt));
}

/** One request through fetch, its attempt timeout counted from `startedAt` (a wait for a slot included). */
async function exchange(
  fetchImpl: typeof fetch | undefined,
  request: HttpRequest,
  startedAt: number,
): Promise<HttpResponse> {
  const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const left = timeLeft(request, startedAt);
  if (left !== undefined && left <= 0) throw new DeadlineReached('attempt', request.timeout!, false);
  const callerSignal = request.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;
  let signal = callerSignal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let onAbort: (() => void) | undefined;
  if (left !== undefined) {
    const abort = new AbortController();
    signal = abort.signal;
    timer = setTimeout(() => {
      timedOut = true;
      abort.abort(new DeadlineReached('attempt', request.timeout!));
    }, left);
    if (callerSignal) {
      onAbort = () => abort.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', onAbort, { once: true });
    }
  }
  const release = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (onAbort) callerSignal?.removeEventListener('abort', onAbort);
  };
  const init: RequestInit = { method: request.method.toUpperCase(), headers: request.headers, redirect: 'manual' };
  if (request.body !== undefined) init.body = request.body;
  if (signal) init.signal = signal;
  let response: Response;
  try {
    response = await (fetchImpl ?? fetch)(request.url, init);
  } catch (error) {
    release();
    if (timedOut) throw new DeadlineReached('attempt', request.timeout!);
    if (callerSignal?.aborted) throw callerSignal.reason;
    throw new TransportError(error instanceof Error ? error.message : 'fetch failed', {
      kind: 'network',
      requestSent: mayHaveSent(error),
      cause: error,
    });
  }
  try {
    await refuseUnreadable(response, request.url, maxBytes);
    const length = response.headers.get('content-length');
    const declared = Number(length);
    // A body sent as it is (no Content-Encoding) with a Content-Length within the limit cannot grow past
    // it (HTTP/1.1 framing ends the message there): read whole, in one call, with the attempt's timer
    // still running on the controller. Anything else is read chunk by chunk and counted.
    if (
      length !== null &&
      Number.isSafeInteger(declared) &&
      declared >= 0 &&
      response.headers.get('content-encoding') === null
    ) {
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (timedOut) throw new DeadlineReached('attempt', request.timeout!);
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw new TransportError(
          `reading the response failed: ${error instanceof Error ? error.message : String(error)}`,
          { kind: 'network', requestSent: true, cause: error },
        );
      }
      // Decoded text has at most one UTF-16 unit per byte: more means a fetch that did not frame the body
      // by its Content-Length (a custom one); refused as a body past the limit would be.
      if (text.length > declared) throw tooLargeError(response.status, response.headers, maxBytes);
      return { status: response.status, headers: response.headers, text };
    }
    // From here the body read has its own timer (as in fetch.ts); the caller's signal still reaches the
    // read through the controller.
    if (timer !== undefined) clearTimeout(timer);
    return await readAnswer(response, request, startedAt, maxBytes);
  } finally {
    release();
  }
}
