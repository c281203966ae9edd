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
  const redirected = response.type === 'opaqueredirect' || isRedirectStatus(response.status);
  if (!redirected && !(Number(response.headers.get('content-length')) > maxBytes)) return;
  await response.body?.cancel().catch(() => {});
  throw redirected
    ? redirectError(response.status || 302, response.headers, url)
    : tooLargeError(response.status, response.headers, maxBytes);
}

/** The attempt's ms left, counted from `startedAt`; undefined when it has no timer limit. */
export function timeLeft(request: HttpRequest, startedAt: number): number | undefined {
  return isTimerLimit(request.timeout) ? request.timeout - (Date.now() - startedAt) : undefined;
}

/**
 * The answer with its whole body as text, read within the attempt's time left (else `DeadlineReached`).
 * The read counts bytes as they arrive (fetch has already decompressed them) and stops at `maxBytes`;
 * stopping cancels the read, which closes the connection (a stalled or endless body must not hold it open).
 */
export async function readAnswer(
  response: Response,
  request: HttpRequest,
  startedAt: number,
  maxBytes: number,
): Promise<HttpResponse> {
  let text = '';
  if (!response.body) return { status: response.status, headers: response.headers, text };
  const reader = response.body.getReader();
  const ms = timeLeft(request, startedAt);
  let timedOut = false;
  // A time left below zero fires at once, as zero does.
  const timer =
    ms === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          reader.cancel().catch(() => {});
        }, ms);
  const decoder = new TextDecoder();
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
    // A read cut by the timer ends in the deadline below, whatever the reader threw.
    if (!timedOut) {
      if (error instanceof TransportError) throw error;
      throw new TransportError(
        `reading the response failed: ${error instanceof Error ? error.message : String(error)}`,
        { kind: 'network', requestSent: true, cause: error },
      );
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  if (timedOut) throw new DeadlineReached('attempt', request.timeout!);
  return { status: response.status, headers: response.headers, text: text + decoder.decode() };
}
