/**
 * `@volc-ts/core/internal`: what generated service packages (and the SDK's own tests) call. NOT for
 * users: nothing here is covered by semver, and any release may change or remove it. Users import
 * from `@volc-ts/core` or from a service package.
 */

// validation helpers the generated validators call
export * from './validate.js';
export { formatIssue } from './errors/validation-error.js';

// paginators behind the generated `paginateX` functions
export { paginateOffset, paginatePageNumber, paginateToken } from './paginate.js';
export type { OffsetFields, PageInput, Paginator, PageNumberFields, TokenFields } from './paginate.js';

// the runtime behind the generated `waitUntil...` functions
export { waitUntil } from './waiter.js';
export type { WaiterClock, WaiterDefinition, WaiterOptions, WaiterResult } from './waiter.js';

// the public types an operation file names, so that it needs one import
export type { Operation, Protocol, RequestSerializer, SerializedRequest, ServiceInfo } from './operation.js';
export type { CallOptions } from './config.js';
export type { WithMetadata } from './transport/envelope.js';

// serialization: each operation names its serializer, so a bundle keeps only those its actions use.
// `export *`, not a named list: measured, esbuild's code splitting then pulled the modules of this file's
// other named re-exports (retry.ts) into a one-call bundle's initial chunk; through `export *` it does not.
export * from './transport/serialize-json.js';
export * from './transport/serialize-flat.js';
export { flattenQuery } from './flatten.js';
export { parseJson, stringifyJson } from './json.js';
export { uriEscape } from './signing/encoding.js';

// retries: the client's pure decision functions
export {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  parseRetryAfter,
  decideRetry,
  clockOffsetFrom,
  signingTime,
  surelyNotProcessed,
  PLAUSIBLE_SERVER_TIME,
} from './retry.js';
export type { RetryPolicy, RetryDecision, RetryQuestion } from './retry.js';
export { RETRYABLE_ERROR_CODES, RETRYABLE_HTTP_STATUSES, NON_RETRYABLE_NETWORK_CODES } from './errors/codes.js';
export type { RetryKind } from './errors/codes.js';

// checks behind the client's options
export { checkCredentials, credentialsProblem } from './credentials/static.js';
export { checkRegion, nearestRegion, regionProblem } from './region.js';
