import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  defaultCredentialChain,
  fromConfigFile,
  fromEnv,
  fromStatic,
  parseConfigFile,
  VolcCredentialsError,
  type ClientConfig,
  type CredentialsProvider,
} from '@volc-ts/core';
import { fromAssumeRole } from './assume-role.js';
import { fileFailure, readSmallFile } from './files.js';

export interface ProfileOptions {
  /** Profile name. @default env `VOLCENGINE_PROFILE`, then the file's `current`, then `default` */
  readonly profile?: string;
  /** Path of the CLI config file. @default env `VOLCENGINE_CLI_CONFIG_FILE`, else `~/.volcengine/config.json` */
  readonly path?: string;
  /** Settings of the STS client used for role profiles. */
  readonly stsConfig?: Omit<ClientConfig, 'credentials'>;
}

/** The members of a CLI profile that say it assumes a role. */
interface RoleProfile {
  readonly mode?: string;
  readonly region?: string;
  readonly 'access-key'?: string;
  readonly 'secret-key'?: string;
  readonly 'session-token'?: string;
  readonly 'role-trn'?: string;
  readonly 'role-session-name'?: string;
  readonly 'duration-seconds'?: number;
  readonly 'source-profile'?: string;
}

/**
 * Credentials of a volcengine CLI profile. Every mode the CLI writes (ak, StsToken, RamRoleArn, OIDC,
 * EcsRole, sso) is read by the core's `fromConfigFile`, which the default chain uses too.
 *
 * Legacy: profiles in volc-ts's earlier own mode `assume-role` (`role-trn` with the profile's keys or a
 * `source-profile`) are still read here, through the generated STS client. Prefer the CLI's `RamRoleArn`
 * mode (`account-id` + `role-name`), which every Volcengine tool understands.
 */
export function fromProfile(options: ProfileOptions = {}): CredentialsProvider {
  let resolved: CredentialsProvider | undefined;
  return async () => {
    resolved ??= await resolveProfile(options);
    return resolved();
  };
}

async function resolveProfile(options: ProfileOptions): Promise<CredentialsProvider> {
  const path =
    options.path ?? (process.env.VOLCENGINE_CLI_CONFIG_FILE || join(homedir(), '.volcengine', 'config.json'));
  const source = `config file ${path}`;
  let text: string;
  try {
    text = await readSmallFile(path, true);
  } catch (error) {
    throw new VolcCredentialsError([{ source, reason: fileFailure(error) }]);
  }
  const config = parseConfigFile(text, source);
  const name = options.profile ?? process.env.VOLCENGINE_PROFILE ?? config.current ?? 'default';
  const entry = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
  // Anything but an object with a role is left to fromConfigFile, which names what is wrong with it.
  const profile = typeof entry === 'object' && entry !== null ? (entry as RoleProfile) : undefined;
  const roleTrn = typeof profile?.['role-trn'] === 'string' ? profile['role-trn'] : undefined;
  // Only our legacy mode `assume-role` is handled here; every official mode is left to fromConfigFile.
  if (!profile || !roleTrn || typeof profile.mode !== 'string' || profile.mode.toLowerCase() !== 'assume-role')
    return fromConfigFile({ profile: name, path });

  const ownKeys = profile['access-key'] && profile['secret-key'];
  const sourceCredentials = ownKeys
    ? fromStatic({
        accessKeyId: profile['access-key']!,
        secretAccessKey: profile['secret-key']!,
        ...(profile['session-token'] ? { sessionToken: profile['session-token'] } : {}),
      })
    : profile['source-profile']
      ? fromConfigFile({ profile: profile['source-profile'], path })
      : fromEnv();
  return fromAssumeRole({
    roleTrn,
    sourceCredentials,
    ...(profile['role-session-name'] ? { roleSessionName: profile['role-session-name'] } : {}),
    ...(profile['duration-seconds'] ? { durationSeconds: profile['duration-seconds'] } : {}),
    stsConfig: { ...(profile.region ? { region: profile.region } : {}), ...options.stsConfig },
  });
}

/**
 * The core's default chain (environment, OIDC from the environment, CLI profile, ECS instance role) with
 * the legacy `assume-role` profiles of {@link fromProfile} also read.
 */
export function defaultCredentialChainWithRoles(options: ProfileOptions = {}): CredentialsProvider {
  return defaultCredentialChain({ configFileProvider: fromProfile(options) });
}
