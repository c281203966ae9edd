/**
 * @volc-ts/core: the runtime under every generated Volcengine service package. Signing, credentials,
 * endpoints, transport (node:http on Node, ky over fetch elsewhere), retries, errors and pagination.
 *
 * This entry is what users call, and it is the semver-public surface. Two more entries: `./errors`
 * (every error class and guard; each service package re-exports it whole) and `./internal` (the
 * helpers generated code calls; not for users, may change in any release).
 */

// client
export { VolcClient } from './client.js';
export { DEFAULT_REGION, DEFAULT_TIMEOUT } from './config.js';
export type { ClientConfig, CallOptions, ResolvedClientConfig } from './config.js';
export type {
  AfterResponseContext,
  BeforeRequestContext,
  BeforeRetryContext,
  ErrorContext,
  Hook,
  HookCall,
  Hooks,
} from './hooks.js';
export type { ResponseMetadata, WithMetadata } from './transport/envelope.js';
export type { Operation, Protocol, RequestSerializer, SerializedRequest, ServiceInfo } from './operation.js';
// an operation described by hand names its serializer
export { serializeJson } from './transport/serialize-json.js';
export { serializeForm, serializeQuery } from './transport/serialize-flat.js';

// transport (one request in, status + headers + body text out; node:http on Node, ky over fetch elsewhere)
export { defaultTransport } from './transport/default.js';
export type { DefaultTransportOptions } from './transport/default.js';
export { TransportError, DEFAULT_MAX_RESPONSE_BYTES } from './transport/types.js';
export type {
  HttpRequest,
  HttpResponse,
  HttpTransport,
  ResponseHeaders,
  TransportErrorInit,
  TransportErrorKind,
} from './transport/types.js';
export type { ProxyOption } from './transport/proxy.js';
export { DEFAULT_MAX_SOCKETS } from './transport/pool.js';
export type { PooledTransport } from './transport/pool.js';
export { DeadlineReached } from './transport/signals.js';

// pagination (the generated `paginateX` functions return one)
export type { PageInput, Paginator } from './paginate.js';
export type { WaiterClock, WaiterOptions, WaiterResult } from './waiter.js';

// errors
export * from './errors.js';
export { COMMON_ERROR_CODES } from './errors/codes.js';

// signing
export { signRequest, signRequestDetailed } from './signing/sign-request.js';
export type { SignableRequest, SigningCredentials, SigningScope, SignatureDetails } from './signing/sign-request.js';
export { canonicalQueryString } from './signing/encoding.js';
export type { CryptoBackend } from './signing/crypto.js';
export type { QueryInput } from './signing/encoding.js';

// credentials
export type { Credentials, CredentialsProvider, CredentialsRequest } from './credentials/types.js';
export { fromStatic } from './credentials/static.js';
export { fromEnv } from './credentials/env.js';
export { fromConfigFile, parseConfigFile, readFailure } from './credentials/config-file.js';
export type { ConfigFileContents, ConfigFileOptions } from './credentials/config-file.js';
export { chainCredentials, cachedCredentials, defaultCredentialChain } from './credentials/chain.js';
export type { DefaultChainOptions } from './credentials/chain.js';
export type { CacheOptions } from './credentials/cache.js';
export { fromAssumeRole } from './credentials/assume-role.js';
export type { AssumeRoleOptions } from './credentials/assume-role.js';
export type { StsCallOptions } from './credentials/sts.js';
export { fromOIDC, fromOidcEnv, fromOidcTokenFile, OIDC_ENV } from './credentials/oidc.js';
export type { OIDCOptions, OidcTokenFileOptions } from './credentials/oidc.js';
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
export type {
  CliConfig,
  CliProfile,
  CliSsoSession,
  CliConfigLocation,
  ProfileClientSettings,
} from './credentials/cli-config.js';
export { profileClientSettings } from './credentials/cli-config.js';

// endpoint, logging, version
export { resolveEndpoint, GLOBAL_SIGNING_REGION } from './endpoint.js';
export type { EndpointParams, ResolvedEndpoint } from './endpoint.js';
export { KNOWN_REGIONS } from './region.js';
export type { Logger, LogLevel } from './logger.js';
export { CORE_VERSION } from './version.js';
