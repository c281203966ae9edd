/**
 * @volc-ts/credential-providers: every credential source of volc-ts in one import. The sources live in
 * `@volc-ts/core` (one STS path, one OIDC provider, one CLI profile reader); this package re-exports them
 * and keeps, for one minor version, the older names and the `stsConfig` option as deprecated aliases.
 */
export {
  defaultCredentialChain,
  fromConfigFile,
  fromEnv,
  fromInstanceMetadata,
  fromOidcEnv,
  fromOidcTokenFile,
} from '@volc-ts/core';
export type {
  ConfigFileOptions,
  DefaultChainOptions,
  InstanceMetadataOptions,
  OidcTokenFileOptions,
} from '@volc-ts/core';
export {
  fromAssumeRole,
  fromOIDC,
  type AssumeRoleOptions,
  type LegacyStsConfig,
  type OIDCOptions,
} from './sts-options.js';
export { defaultCredentialChainWithRoles, fromProfile, type ProfileOptions } from './profile.js';
