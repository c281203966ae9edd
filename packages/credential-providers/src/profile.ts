import { defaultCredentialChain, fromConfigFile, type CredentialsProvider } from '@volc-ts/core';
import { stsOptionsOf, type LegacyStsConfig } from './sts-options.js';

/**
 * Options of {@link fromProfile}.
 * @deprecated Use `ConfigFileOptions` of `fromConfigFile`; this name goes in the next minor version.
 */
export interface ProfileOptions {
  /** Profile name. @default env `VOLCENGINE_PROFILE`, then the file's `current`, then `default` */
  readonly profile?: string;
  /** Path of the CLI config file. @default env `VOLCENGINE_CLI_CONFIG_FILE`, else `~/.volcengine/config.json` */
  readonly path?: string;
  /** Settings of STS for role profiles: only `endpoint`, `timeout` and `fetch` apply. */
  readonly stsConfig?: LegacyStsConfig;
}

/**
 * Credentials of a volcengine CLI profile, every mode (and the legacy `assume-role` one): core's
 * `fromConfigFile`, the one profile reader.
 * @deprecated Use `fromConfigFile` (`stsConfig.endpoint` is its `stsEndpoint`); this name goes in the next minor version.
 */
export function fromProfile(options: ProfileOptions = {}): CredentialsProvider {
  const sts = stsOptionsOf(options.stsConfig);
  return fromConfigFile({
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(sts.endpoint ? { stsEndpoint: sts.endpoint } : {}),
    ...(sts.fetch ? { fetch: sts.fetch } : {}),
  });
}

/**
 * The core's default chain, which reads the legacy `assume-role` profiles itself now.
 * @deprecated Use `defaultCredentialChain`; this name goes in the next minor version.
 */
export function defaultCredentialChainWithRoles(options: ProfileOptions = {}): CredentialsProvider {
  return defaultCredentialChain({ configFileProvider: fromProfile(options) });
}
