/**
 * @volc-ts/core: the runtime under every generated Volcengine service package. Signing, credentials,
 * endpoints, transport (node:http on Node, ky over fetch elsewhere), retries, errors, validation helpers and pagination.
 */

// client
export { VolcClient } from './client.js';
export { DEFAULT_REGION, DEFAULT_TIMEOUT } from './config.js';
export type { ClientConfig, CallOptions, ResolvedClientConfig } from './config.js';
export type { ResponseMetadata, WithMetadata } from './transport/envelope.js';

// transport (one request in, status + headers + body text out; node:http on Node, ky over fetch elsewhere)
export { defaultTransport } from './transport/default.js';
export type { DefaultTransportOptions } from './transport/default.js';
export { TransportError, DEFAULT_MAX_RESPONSE_BYTES } from './transport/types.js';
export type { HttpRequest, HttpResponse, HttpTransport, ResponseHeaders, TransportErrorKind } from './transport/types.js';
export type { ProxyOption } from './transport/proxy.js';
export { DeadlineReached } from './transport/signals.js';

// pagination
export { paginateOffset, paginatePageNumber, paginateToken } from './paginate.js';
export type { OffsetFields, Paginator, PageNumberFields, TokenFields } from './paginate.js';

// errors
export { VolcError, isVolcError } from './errors/volc-error.js';
export { VolcValidationError, isVolcValidationError, formatIssue } from './errors/validation-error.js';
export { VolcServiceError, isVolcServiceError } from './errors/service-error.js';
export type { VolcServiceErrorInit } from './errors/service-error.js';
export { VolcResponseError, isVolcResponseError } from './errors/response-error.js';
export { VolcNetworkError, isVolcNetworkError } from './errors/network-error.js';
export { VolcRedirectError, isVolcRedirectError } from './errors/redirect-error.js';
export { VolcResponseTooLargeError, isVolcResponseTooLargeError } from './errors/response-too-large-error.js';
export { VolcTimeoutError, isVolcTimeoutError } from './errors/timeout-error.js';
export { VolcAbortError, isVolcAbortError } from './errors/abort-error.js';
export { VolcRequestError, isVolcRequestError } from './errors/request-error.js';
export type { CallFacts } from './errors/volc-error.js';
export { VolcCredentialsError, isVolcCredentialsError } from './errors/credentials-error.js';
export type { CredentialSourceAttempt } from './errors/credentials-error.js';
export { COMMON_ERROR_CODES, RETRYABLE_ERROR_CODES, RETRYABLE_HTTP_STATUSES, NON_RETRYABLE_NETWORK_CODES } from './errors/codes.js';
export type { CommonErrorCode, RetryKind } from './errors/codes.js';

// retries (pure decision functions, exported for tests and custom loops)
export { DEFAULT_RETRY_POLICY, backoffDelay, parseRetryAfter, decideRetry, clockOffsetFrom, signingTime, surelyNotProcessed, PLAUSIBLE_SERVER_TIME } from './retry.js';
export type { RetryPolicy, RetryDecision, RetryQuestion } from './retry.js';

// signing
export { signRequest, signRequestDetailed } from './signing/sign-request.js';
export type { SignableRequest, SigningCredentials, SigningScope, SignatureDetails } from './signing/sign-request.js';
export { canonicalQueryString, uriEscape } from './signing/encoding.js';
export type { QueryInput } from './signing/encoding.js';

// credentials
export type { Credentials, CredentialsProvider } from './credentials/types.js';
export { fromStatic, checkCredentials, credentialsProblem } from './credentials/static.js';
export { fromEnv } from './credentials/env.js';
export { fromConfigFile, parseConfigFile, readFailure } from './credentials/config-file.js';
export type { ConfigFileContents, ConfigFileOptions } from './credentials/config-file.js';
export { chainCredentials, cachedCredentials, defaultCredentialChain } from './credentials/chain.js';
export type { DefaultChainOptions } from './credentials/chain.js';
export { fromOidcEnv, fromOidcTokenFile, OIDC_ENV } from './credentials/oidc.js';
export type { OidcTokenFileOptions } from './credentials/oidc.js';
export {
  fromInstanceMetadata,
  DEFAULT_METADATA_ENDPOINT,
  METADATA_DISABLED_ENV,
  METADATA_ENDPOINT_ENV,
  METADATA_ROLE_ENV,
} from './credentials/instance-metadata.js';
export type { InstanceMetadataOptions } from './credentials/instance-metadata.js';
export type { SsoOptions } from './credentials/sso.js';
export type { CredentialHttpOptions } from './credentials/http.js';
export type { CliProfile, CliConfigLocation, ProfileClientSettings } from './credentials/cli-config.js';
export { profileClientSettings } from './credentials/cli-config.js';

// endpoint, serialization, logging
export { resolveEndpoint, GLOBAL_SIGNING_REGION } from './endpoint.js';
export { checkRegion, nearestRegion, regionProblem, KNOWN_REGIONS } from './region.js';
export type { EndpointParams, ResolvedEndpoint } from './endpoint.js';
export { flattenQuery } from './flatten.js';
export { parseJson, stringifyJson } from './json.js';
export type { Logger, LogLevel } from './logger.js';
export { CORE_VERSION } from './version.js';

// operation model and validation helpers used by generated code
export type { Operation, Protocol, ServiceInfo } from './operation.js';
export * from './validate.js';
