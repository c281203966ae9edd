/**
 * `@volc-ts/core/errors`: every error class the SDK throws and its type guard. Every service package
 * re-exports this whole entry (`export * from '@volc-ts/core/errors'`), so a new class reaches all of
 * them without a hand-kept list. The guards work across copies of core (a CJS and an ESM copy).
 */
export { VolcError, isVolcError } from './errors/volc-error.js';
export type { CallFacts } from './errors/volc-error.js';
export { VolcValidationError, isVolcValidationError } from './errors/validation-error.js';
export { VolcServiceError, isVolcServiceError } from './errors/service-error.js';
export type { VolcServiceErrorInit } from './errors/service-error.js';
export { VolcResponseError, isVolcResponseError } from './errors/response-error.js';
export type { VolcResponseErrorInit } from './errors/response-error.js';
export { VolcNetworkError, isVolcNetworkError } from './errors/network-error.js';
export { VolcRedirectError, isVolcRedirectError } from './errors/redirect-error.js';
export { VolcResponseTooLargeError, isVolcResponseTooLargeError } from './errors/response-too-large-error.js';
export { VolcTimeoutError, isVolcTimeoutError } from './errors/timeout-error.js';
export { VolcAbortError, isVolcAbortError } from './errors/abort-error.js';
export { VolcRequestError, isVolcRequestError } from './errors/request-error.js';
export { VolcCredentialsError, isVolcCredentialsError } from './errors/credentials-error.js';
export type { CredentialSourceAttempt } from './errors/credentials-error.js';
export type { CommonErrorCode } from './errors/codes.js';
export type { ValidationIssue, ValidationRule, Validator } from './validate.js';
export {
  VolcWaiterFailureError,
  VolcWaiterTimeoutError,
  isVolcWaiterFailureError,
  isVolcWaiterTimeoutError,
} from './errors/waiter-error.js';
export type { WaiterErrorInit } from './errors/waiter-error.js';
