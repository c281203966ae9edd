/**
 * @volc-ts/mock: a local Volcengine-compatible endpoint built from the volc-ts specs. It verifies
 * signatures, validates input with the spec's rules, answers with examples or schema-built results,
 * and injects faults on request, so tests can run a real client without a cloud account.
 */
export { startMockServer, type MockServer, type MockServerOptions, type SetItemsOptions } from './server.js';
export { MOCK_CREDENTIALS, type MockCredentials } from './credentials.js';
export type { Fault } from './faults.js';
export type { RecordedRequest } from './records.js';
export { ERROR_CODES, type ErrorCodeInfo, type KnownErrorCode } from './error-codes.js';
