/**
 * What a failed exchange's error code says about the request. Node-only knowledge: the browser build
 * takes sent.browser.ts, where fetch errors carry no code.
 */
import { errorCode } from './types.js';

/**
 * Codes of failures that happen before any byte of a request reaches the service: name resolution,
 * refused or unreachable connections, connect timeouts, TLS certificate rejection, an invalid URL.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Codes of errors raised while building a request on this machine (an invalid URL or header value): not
 * network failures, and another attempt would fail the same way.
 */
const LOCAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'ERR_INVALID_URL',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_ARG_TYPE',
  'ERR_UNESCAPED_CHARACTERS',
]);

/** Whether a failure with this cause may have sent the request (true unless its code proves otherwise). */
export function mayHaveSent(cause: unknown): boolean {
  const code = errorCode(cause);
  return code === undefined || !NOT_SENT_CODES.has(code);
}

/** Whether the cause is an error building the request locally (nothing sent; a retry fails the same way). */
export function isLocalRequestError(cause: unknown): boolean {
  const code = errorCode(cause);
  return code !== undefined && LOCAL_ERROR_CODES.has(code);
}
