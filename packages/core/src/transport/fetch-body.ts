/** Reading a fetch `Response` body for both fetch transports (ky's, fetch.ts, and the direct one, fetch-direct.ts). */
import { tooLargeError, TransportError } from './types.js';

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
