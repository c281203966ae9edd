/**
 * `fromAssumeRole` and `fromOIDC` are core's; here they also take the `stsConfig` option of this package's
 * earlier versions (which built an STS client of its own), mapped onto core's options.
 */
import {
  fromAssumeRole as coreFromAssumeRole,
  fromOIDC as coreFromOIDC,
  type AssumeRoleOptions as CoreAssumeRoleOptions,
  type ClientConfig,
  type CredentialsProvider,
  type OIDCOptions as CoreOIDCOptions,
  type StsCallOptions,
} from '@volc-ts/core';

/**
 * Settings of the STS client of earlier versions. Only `endpoint`, `timeout` and `fetch` still apply;
 * the others (retries, logger, region, ...) are ignored, since STS is called by core's credential path.
 * @deprecated Pass `endpoint`, `timeout` and `fetch` as options of their own; this option goes in the next minor version.
 */
export type LegacyStsConfig = Omit<ClientConfig, 'credentials'>;

export interface AssumeRoleOptions extends CoreAssumeRoleOptions {
  /** @deprecated Use `endpoint`, `timeout` and `fetch`; see {@link LegacyStsConfig}. */
  readonly stsConfig?: LegacyStsConfig;
}

export interface OIDCOptions extends CoreOIDCOptions {
  /** @deprecated Use `endpoint`, `timeout` and `fetch`; see {@link LegacyStsConfig}. */
  readonly stsConfig?: LegacyStsConfig;
}

/** Core's STS options from a legacy `stsConfig`; options of their own win. */
export function stsOptionsOf(stsConfig: LegacyStsConfig | undefined): StsCallOptions {
  if (!stsConfig) return {};
  return {
    ...(stsConfig.endpoint ? { endpoint: stsConfig.endpoint } : {}),
    ...(stsConfig.timeout !== undefined ? { timeout: stsConfig.timeout } : {}),
    ...(stsConfig.fetch ? { fetch: stsConfig.fetch } : {}),
  };
}

/**
 * Temporary credentials of a role, from STS AssumeRole: core's `fromAssumeRole`, which also accepts the
 * deprecated `stsConfig`.
 *
 * @example
 * ```ts
 * const client = new RedisClient({ credentials: fromAssumeRole({ roleTrn: 'trn:iam::2100000000:role/ReadOnly' }) });
 * ```
 */
export function fromAssumeRole(options: AssumeRoleOptions): CredentialsProvider {
  const { stsConfig, ...rest } = options;
  return coreFromAssumeRole({ ...stsOptionsOf(stsConfig), ...rest });
}

/**
 * Temporary credentials of a role from STS AssumeRoleWithOIDC: core's `fromOIDC`, which also accepts the
 * deprecated `stsConfig`.
 *
 * @example
 * ```ts
 * const client = new RedisClient({ credentials: fromOIDC() }); // VOLCENGINE_OIDC_ROLE_TRN + VOLCENGINE_OIDC_TOKEN_FILE
 * ```
 */
export function fromOIDC(options: OIDCOptions = {}): CredentialsProvider {
  const { stsConfig, ...rest } = options;
  return coreFromOIDC({ ...stsOptionsOf(stsConfig), ...rest });
}
