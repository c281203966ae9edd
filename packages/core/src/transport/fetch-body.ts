/** Checking and reading a fetch `Response` for both fetch transports (ky's, fetch.ts, and the direct one, fetch-direct.ts). */
import { DeadlineReached, isTimerLimit } from './signals.js';
import {
  isRedirectStatus,
  redirectError,
  tooLargeError,
  TransportError,
  type HttpRequest,
  type HttpResponse,
} from './types.js';

/**
 * Refuses an answer that must not be read: a redirect (never followed), or a declared Content-Length past
 * `maxBytes`. Its body is cancelled first, so the connection is not held by an unread body.
 */
export async function refuseUnreadable(response: Response, url: string, maxBytes: number): Promise<void> {
  // A browser hides a manual redirect behind an opaque response with status 0.
  if (response.type === 'opaqueredirect' || isRedirectStatus(response.status)) {
    await response.body?.cancel().catch(() => {});
    throw redirectError(response.status || 302, response.headers, url);
  }
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLargeError(response.status, response.headers, maxBytes);
  }
}

/** The attempt's ms left, counted from `startedAt`; undefined when it has no timer limit. */
export function timeLeft(request: HttpRequest, startedAt: number): number | undefined {
  return isTimerLimit(request.timeout) ? request.timeout - (Date.now() - startedAt) : undefined;
}

/** The answer, its body read chunk by chunk (see {@link readText}) within the attempt's time left. */
export async function readAnswer(
  response: Response,
  request: HttpRequest,
  startedAt: number,
  maxBytes: number,
): Promise<HttpResponse> {
  const text = await readText(response, timeLeft(request, startedAt), maxBytes);
  if (text === undefined) throw new DeadlineReached('attempt', request.timeout!);
  return { status: response.status, headers: response.headers, text };
}

/**
 * The whole body as text, or undefined when `ms` passes first. The read counts bytes as they arrive
 * (fetch has already decompressed them) and stops at `maxBytes`; stopping cancels the read, which closes
 * the connection (a stalled or endless body must not hold it open).
 */
export async function readText(
  response: Response,
  ms: number | undefined,
  maxBytes: number,
): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  let timedOut = false;
  const timer =
    ms === undefined
      ? undefined
      : setTimeout(
          () => {
            timedOut = true;
            reader.cancel().catch(() => {});
          },
          Math.max(0, ms),
        );
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      received += chunk.value.byteLength;
      if (received > maxBytes) {
        reader.cancel().catch(() => {});
        throw tooLargeError(response.status, response.headers, maxBytes);
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch (error) {
    if (timedOut) return undefined;
    if (error instanceof TransportError) throw error;
    throw new TransportError(`reading the response failed: ${error instanceof Error ? error.message : String(error)}`, {
      kind: 'network',
      requestSent: true,
      cause: error,
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  return timedOut ? undefined : text + decoder.decode();
}
