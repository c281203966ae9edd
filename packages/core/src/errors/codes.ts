/**
 * Error codes as data. `COMMON_ERROR_CODES` are the gateway codes every Volcengine service can
 * return; generated packages add their own per-service and per-action codes to the union.
 * Which failures are retried is decided from the two tables below, nowhere else.
 */

export const COMMON_ERROR_CODES = [
  'MissingParameter',
  'InvalidParameter',
  'MissingRequestInfo',
  'InvalidTimestamp',
  'InvalidAuthorization',
  'InvalidCredential',
  'InvalidAccessKey',
  'InvalidSecretToken',
  'SignatureDoesNotMatch',
  'MissingSignature',
  'AccessDenied',
  'ServiceNotFound',
  'InvalidActionOrVersion',
  'InternalError',
  'InternalServiceError',
  'InternalServiceTimeout',
  'FlowLimitExceeded',
  'AccountFlowLimitExceeded',
  'ServiceUnavailableTemp',
] as const;

/** Codes that any action of any service may return. */
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];

/**
 * Codes by which the service refuses the credentials themselves (an unknown or disabled key, a session token
 * that is wrong or expired). The client drops such credentials from its cache and fetches new ones once
 * before it fails; other codes leave the cache alone.
 */
export const CREDENTIALS_REJECTED_CODES: ReadonlySet<string> = new Set([
  'InvalidAccessKey',
  'InvalidSecretToken',
  'InvalidSecurityToken',
  'ExpiredToken',
  'TokenExpired',
  'SecurityTokenExpired',
  'InvalidSecretToken.Expired',
]);

/** Why a failure is worth another attempt: throttling waits longer than a transient fault. */
export type RetryKind = 'throttling' | 'transient';

/** Service error codes that are retried, whatever the HTTP status they came with. */
export const RETRYABLE_ERROR_CODES: Readonly<Record<string, RetryKind>> = {
  FlowLimitExceeded: 'throttling',
  AccountFlowLimitExceeded: 'throttling',
  RequestLimitExceeded: 'throttling',
  TooManyRequests: 'throttling',
  Throttling: 'throttling',
  ServiceUnavailableTemp: 'transient',
  InternalError: 'transient',
  InternalServiceError: 'transient',
  InternalServiceTimeout: 'transient',
};

/** HTTP statuses that are retried when the body carries no code of its own, or a code not listed above. */
export const RETRYABLE_HTTP_STATUSES: Readonly<Record<number, RetryKind>> = {
  429: 'throttling',
  500: 'transient',
  502: 'transient',
  503: 'transient',
  504: 'transient',
};

/**
 * Network failure codes (from Node's `cause.code`) that another attempt cannot fix: the host does not
 * exist or its certificate is wrong, the proxy refused the request (a 4xx to CONNECT, a 407) or cannot be
 * used (a proxy variable that is not an http(s) URL), a Node module the transport needs is missing. Every
 * other network failure is retried.
 */
export const NON_RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'ERR_VOLC_PROXY_REFUSED',
  'ERR_VOLC_PROXY_INVALID',
  'ERR_VOLC_MODULE_UNAVAILABLE',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The retry kind of a service error, or undefined when it must not be retried. */
export function retryKindOf(code: string | undefined, status: number): RetryKind | undefined {
  if (code !== undefined && Object.hasOwn(RETRYABLE_ERROR_CODES, code)) return RETRYABLE_ERROR_CODES[code];
  return Object.hasOwn(RETRYABLE_HTTP_STATUSES, status) ? RETRYABLE_HTTP_STATUSES[status] : undefined;
}
