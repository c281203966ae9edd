/**
 * @volc-ts/mock: a local Volcengine-compatible endpoint built from the volc-ts specs. It verifies
 * signatures, validates input with the spec's rules, answers with examples or schema-built results,
 * and injects faults on request, so tests can run a real client without a cloud account.
 */
export { startMockServer, type MockServer, type MockServerOptions, type SetItemsOptions } from './server.js';
export { MOCK_CREDENTIALS, type MockCredentials } from './credentials.js';
export type { Fault } from './faults.js';
export type { ScriptOptions, ScriptStep } from './scripts.js';
export type { RecordedRequest } from './records.js';
export { ERROR_CODES, type ErrorCodeInfo, type KnownErrorCode } from './error-codes.js';
export { startMetadataServer, type MetadataServer, type MetadataServerOptions } from './metadata-server.js';
export { startSsoServer, type SsoServer, type SsoServerOptions } from './sso-server.js';
export type { IssuedCredentials } from './credentials.js';
export type { SeenRequest } from './listen.js';
