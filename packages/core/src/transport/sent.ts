/**
 * Whether a failed exchange may have sent its request, from the error's code. Node-only knowledge: the
 * browser build takes sent.browser.ts, where fetch errors carry no code.
 */
import { errorCode } from './types.js';

/**
 * Codes of failures that happen before any byte of a request is written: name resolution, refused or
 * unreachable connections, connect timeouts, TLS certificate rejection.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether a failure with this cause may have sent the request (true unless its code proves otherwise). */
export function mayHaveSent(cause: unknown): boolean {
  const code = errorCode(cause);
  return code === undefined || !NOT_SENT_CODES.has(code);
}
