/**
 * @volc-ts/credential-providers: credential sources that need a Volcengine service to work, kept out of
 * @volc-ts/core so the core stays free of service packages.
 */
export { fromAssumeRole, type AssumeRoleOptions } from './assume-role.js';
export { defaultCredentialChainWithRoles, fromProfile, type ProfileOptions } from './profile.js';
export { fromOIDC, type OIDCOptions } from './oidc.js';
// Sources that need no service package live in the core; re-exported so one import has them all.
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
