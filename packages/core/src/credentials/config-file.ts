import { VolcCredentialsError } from '../errors/credentials-error.js';
import { readEnv } from '../runtime.js';
import { cachedCredentials } from './cache.js';
import { loadCliProfile, type CliConfigLocation, type CliProfile } from './cli-config.js';
import { checkCredentials } from './static.js';
import type { CredentialHttpOptions } from './http.js';
import { fromInstanceMetadata, type InstanceMetadataOptions } from './instance-metadata.js';
import { fromEnv } from './env.js';
import { fromOIDC } from './oidc.js';
import { ssoProfileCredentials, type SsoOptions } from './sso.js';
import { assumeRoleProvider, parseExpiration } from './sts.js';
import type { Credentials, CredentialsProvider } from './types.js';

export interface ConfigFileOptions extends CliConfigLocation, CredentialHttpOptions {
  /** STS endpoint for `RamRoleArn` and `OIDC` profiles. @default env `VOLCENGINE_STS_ENDPOINT`, else `https://sts.volcengineapi.com` */
  readonly stsEndpoint?: string;
  /** Settings of the metadata requests of `EcsRole` profiles. */
  readonly instanceMetadata?: Omit<InstanceMetadataOptions, 'roleName' | 'fetch'>;
  /** Base URLs of the SSO OAuth and portal services, for `sso` profiles. */
  readonly sso?: Omit<SsoOptions, 'fetch'>;
  /** Refresh temporary credentials this many ms before they expire. @default 300000 */
  readonly refreshBefore?: number;
}

/** Profile modes of the volcengine CLI, lower-cased, and volc-ts's own legacy `assume-role`. */
const MODES = ['ak', 'ststoken', 'ramrolearn', 'oidc', 'ecsrole', 'sso', 'assume-role'] as const;
type Mode = (typeof MODES)[number];

function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Credentials of a volcengine CLI profile, in every mode the CLI writes (case-insensitive):
 * - `ak` (or no mode): `access-key`, `secret-key`, optional `session-token` and `sts-expiration`;
 * - `StsToken`: the same with `session-token` required;
 * - `RamRoleArn`: STS AssumeRole with the profile's keys into `trn:iam::<account-id>:role/<role-name>`
 *   (or `role-trn` when given), optional `policy`;
 * - `OIDC`: STS AssumeRoleWithOIDC with `role-trn` and the token in `oidc-token-file` (read at each refresh);
 * - `EcsRole`: the instance role `role-name` from the metadata service;
 * - `sso`: the cached STS keys while `sts-expiration` is ahead, else the SSO token cache and portal;
 * - `assume-role` (volc-ts's own earlier mode, read for old files; prefer `RamRoleArn`): STS AssumeRole into
 *   `role-trn`, signed with the profile's keys, else those of `source-profile`, else the environment's;
 *   optional `role-session-name` and `duration-seconds`.
 *
 * The file is `path`, else env `VOLCENGINE_CLI_CONFIG_FILE`, else `~/.volcengine/config.json`; the
 * profile is `profile`, else env `VOLCENGINE_PROFILE`, else the file's `current`, else `default`.
 * The file is read at the first call and again after a failure; temporary credentials are cached and
 * refreshed shortly before they expire. Node, Bun and Deno only.
 *
 * @throws {VolcCredentialsError} source `config file <path>` or `profile "<name>" (<mode>)`, with the reason; never a secret
 */
export function fromConfigFile(options: ConfigFileOptions = {}): CredentialsProvider {
  // One reading of the file for concurrent first callers; read again after a failure.
  let resolved: Promise<CredentialsProvider> | undefined;
  return async (request) => {
    resolved ??= providerForProfile(options).catch((error: unknown) => {
      resolved = undefined;
      throw error;
    });
    return (await resolved)(request);
  };
}

/** `nested` for the source profile of an `assume-role` profile, which must hold keys itself. */
async function providerForProfile(options: ConfigFileOptions, nested = false): Promise<CredentialsProvider> {
  const loaded = await loadCliProfile(options);
  if (!loaded.ok) throw new VolcCredentialsError([{ source: `config file ${loaded.path}`, reason: loaded.reason }]);
  const { profile, name, config, path } = loaded;
  const rawMode = trimmed(profile.mode) ?? 'ak';
  const mode = rawMode.toLowerCase() as Mode;
  const source = `profile "${name}" (${rawMode}) in ${path}`;
  const keySource = `config file ${path} profile "${name}"`;
  const fail = (reason: string): never => {
    throw new VolcCredentialsError([{ source, reason }]);
  };
  if (!MODES.includes(mode))
    return fail(`mode "${rawMode}" is not one of ak, StsToken, RamRoleArn, OIDC, EcsRole, sso`);
  const http = options.fetch ? { fetch: options.fetch } : {};
  const cache = (provider: CredentialsProvider) =>
    cachedCredentials(provider, {
      backoff: true,
      ...(options.refreshBefore === undefined ? {} : { refreshBefore: options.refreshBefore }),
    });
  const stsEndpoint = options.stsEndpoint ?? readEnv('VOLCENGINE_STS_ENDPOINT');

  switch (mode) {
    case 'ak':
    case 'ststoken': {
      const credentials = keysOf(profile, mode === 'ststoken', fail, keySource);
      return async () => credentials;
    }
    case 'ramrolearn': {
      const signer = keysOf(profile, false, fail, keySource);
      const accountId = trimmed(profile['account-id']);
      const roleName = trimmed(profile['role-name']);
      const roleTrn =
        trimmed(profile['role-trn']) ?? (accountId && roleName ? `trn:iam::${accountId}:role/${roleName}` : undefined);
      if (!roleTrn) return fail('needs account-id and role-name (or role-trn)');
      const policy = trimmed(profile.policy);
      return assumeRoleProvider(
        { roleTrn, durationSeconds: 3600, ...(policy ? { policy } : {}) },
        async () => signer,
        source,
        { ...http, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}), refreshBefore: options.refreshBefore },
      );
    }
    case 'oidc': {
      const roleTrn = trimmed(profile['role-trn']);
      const tokenFile = trimmed(profile['oidc-token-file']);
      if (!roleTrn || !tokenFile) return fail('needs role-trn and oidc-token-file');
      const policy = trimmed(profile.policy);
      return fromOIDC({
        ...http,
        roleTrn: roleTrn!,
        tokenFile: tokenFile!,
        sourceName: source,
        ...(policy ? { policy } : {}),
        ...(stsEndpoint ? { endpoint: stsEndpoint } : {}),
        ...(options.refreshBefore !== undefined ? { refreshBefore: options.refreshBefore } : {}),
      });
    }
    case 'ecsrole': {
      const roleName = trimmed(profile['role-name']);
      const inner = fromInstanceMetadata({ ...options.instanceMetadata, ...http, ...(roleName ? { roleName } : {}) });
      return async (request) => {
        try {
          return await inner(request);
        } catch (error) {
          if (error instanceof VolcCredentialsError)
            throw new VolcCredentialsError(
              error.tried.map((t) => ({ source, reason: t.reason })),
              { cause: error },
            );
          throw error;
        }
      };
    }
    case 'sso':
      return cache(() => ssoProfileCredentials(profile, name, config, path, source, { ...options.sso, ...http }));
    case 'assume-role': {
      if (nested) return fail('is an assume-role profile itself; the source-profile of one must hold keys');
      const roleTrn = trimmed(profile['role-trn']);
      if (!roleTrn) return fail('needs role-trn');
      const sourceProfile = trimmed(profile['source-profile']);
      const hasKeys = trimmed(profile['access-key']) && trimmed(profile['secret-key']);
      const ownKeys = hasKeys ? keysOf(profile, false, fail, keySource) : undefined;
      const signer: CredentialsProvider = ownKeys
        ? async () => ownKeys
        : sourceProfile
          ? await providerForProfile({ ...options, path, profile: sourceProfile }, true)
          : fromEnv();
      const sessionName = trimmed(profile['role-session-name']);
      const duration = profile['duration-seconds'];
      return assumeRoleProvider(
        {
          roleTrn,
          ...(sessionName ? { roleSessionName: sessionName } : {}),
          ...(typeof duration === 'number' ? { durationSeconds: duration } : {}),
        },
        signer,
        source,
        { ...http, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}), refreshBefore: options.refreshBefore },
      );
    }
  }
}

/** The profile's key pair, trimmed; `requireToken` for StsToken profiles. An expired session token fails. */
function keysOf(
  profile: CliProfile,
  requireToken: boolean,
  fail: (reason: string) => never,
  source: string,
): Credentials {
  const accessKeyId = trimmed(profile['access-key']);
  const secretAccessKey = trimmed(profile['secret-key']);
  const sessionToken = trimmed(profile['session-token']);
  if (!accessKeyId || !secretAccessKey) return fail(`has no ${accessKeyId ? 'secret-key' : 'access-key'}`);
  if (requireToken && !sessionToken) return fail('has no session-token');
  const expiration = sessionToken ? parseExpiration(profile['sts-expiration']) : undefined;
  if (expiration && expiration.getTime() <= Date.now())
    return fail(`session token expired at ${expiration.toISOString()}`);
  const credentials = {
    accessKeyId: accessKeyId!,
    secretAccessKey: secretAccessKey!,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
  return checkCredentials(credentials, source, {
    accessKeyId: 'access-key',
    secretAccessKey: 'secret-key',
    sessionToken: 'session-token',
  });
}

export { parseConfigFile, readFailure, type ConfigFileContents } from './cli-config.js';
