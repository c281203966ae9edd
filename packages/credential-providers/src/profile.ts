import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  cachedCredentials,
  chainCredentials,
  fromConfigFile,
  fromEnv,
  fromStatic,
  parseConfigFile,
  readFailure,
  VolcCredentialsError,
  type ClientConfig,
  type CredentialsProvider,
} from '@volc-ts/core';
import { fromAssumeRole } from './assume-role.js';

export interface ProfileOptions {
  /** Profile name. @default env `VOLCENGINE_PROFILE`, then the file's `current`, then `default` */
  readonly profile?: string;
  /** Path of the CLI config file. @default `~/.volcengine/config.json` */
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
 * Credentials of a volcengine CLI profile, including profiles in role mode. A profile with a `role-trn`
 * (mode `assume-role`) assumes that role through STS. Its source credentials are the profile's own key
 * pair when it has one, else those of `source-profile`, else the environment. Other profiles are read as
 * access-key profiles by the core's `fromConfigFile`.
 */
export function fromProfile(options: ProfileOptions = {}): CredentialsProvider {
  let resolved: CredentialsProvider | undefined;
  return async () => {
    resolved ??= await resolveProfile(options);
    return resolved();
  };
}

async function resolveProfile(options: ProfileOptions): Promise<CredentialsProvider> {
  const path = options.path ?? join(homedir(), '.volcengine', 'config.json');
  const source = `config file ${path}`;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new VolcCredentialsError([{ source, reason: readFailure(error) }]);
  }
  const config = parseConfigFile(text, source);
  const name = options.profile ?? process.env.VOLCENGINE_PROFILE ?? config.current ?? 'default';
  const entry = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
  // Anything but an object with a role is left to fromConfigFile, which names what is wrong with it.
  const profile = typeof entry === 'object' && entry !== null ? (entry as RoleProfile) : undefined;
  const roleTrn = typeof profile?.['role-trn'] === 'string' ? profile['role-trn'] : undefined;
  if (!profile || !roleTrn) return fromConfigFile({ profile: name, path });

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
 * The core's default chain with role support: environment variables, then the CLI profile, which may
 * assume a role with the source credentials taken from the rest of the chain.
 */
export function defaultCredentialChainWithRoles(options: ProfileOptions = {}): CredentialsProvider {
  return cachedCredentials(chainCredentials(fromEnv(), fromProfile(options)));
}
