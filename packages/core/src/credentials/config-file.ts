import { VolcCredentialsError } from '../errors/credentials-error.js';
import { importNodeBuiltin, readEnv } from '../runtime.js';
import type { Credentials, CredentialsProvider } from './types.js';

export interface ConfigFileOptions {
  /** Profile name; default: env `VOLCENGINE_PROFILE`, then the file's `current`, then `default`. */
  readonly profile?: string;
  /** File path; default `~/.volcengine/config.json` (the volcengine CLI's file). */
  readonly path?: string;
}

/** The fields of a volcengine CLI profile that matter here. */
interface CliProfile {
  readonly mode?: string;
  readonly 'access-key'?: string;
  readonly 'secret-key'?: string;
  readonly 'session-token'?: string;
  /** Unix time (seconds, or milliseconds for large values) at which the session token expires. */
  readonly 'sts-expiration'?: number;
}

interface NodeFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}
interface NodeOs {
  homedir(): string;
}

function fail(source: string, reason: string, cause?: unknown): never {
  throw new VolcCredentialsError([{ source, reason }], { cause });
}

function expirationOf(profile: CliProfile): Date | undefined {
  const raw = profile['sts-expiration'];
  if (typeof raw !== 'number' || raw <= 0) return undefined;
  return new Date(raw < 1e12 ? raw * 1000 : raw);
}

/**
 * Credentials from the volcengine CLI config file (`~/.volcengine/config.json`):
 * `{ "current": "default", "profiles": { "default": { "access-key", "secret-key", "session-token"? } } }`.
 * Only `ak` mode profiles are supported. Node, Bun and Deno only.
 */
export function fromConfigFile(options: ConfigFileOptions = {}): CredentialsProvider {
  return async () => {
    const fs = await importNodeBuiltin<{ promises: NodeFs }>('node:fs');
    const os = await importNodeBuiltin<NodeOs>('node:os');
    const path = options.path ?? (os ? `${os.homedir()}/.volcengine/config.json` : undefined);
    const source = `config file ${path ?? '~/.volcengine/config.json'}`;
    if (!fs || !path) fail(source, 'files cannot be read in this runtime');

    let text: string;
    try {
      text = await fs.promises.readFile(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      fail(source, code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(code ?? 'error')})`);
    }
    let config: { current?: unknown; profiles?: unknown };
    try {
      config = JSON.parse(text) as typeof config;
    } catch {
      fail(source, 'is not valid JSON');
    }
    const profiles = typeof config?.profiles === 'object' && config.profiles !== null ? (config.profiles as Record<string, CliProfile>) : {};
    const name =
      options.profile ?? readEnv('VOLCENGINE_PROFILE') ?? (typeof config.current === 'string' && config.current ? config.current : 'default');
    const profile = profiles[name];
    if (!profile || typeof profile !== 'object') fail(source, `has no profile "${name}"`);
    if (profile.mode && profile.mode.toLowerCase() !== 'ak') {
      fail(source, `profile "${name}" uses mode "${profile.mode}"; only access-key profiles are supported`);
    }
    const accessKeyId = profile['access-key'];
    const secretAccessKey = profile['secret-key'];
    if (!accessKeyId || !secretAccessKey) fail(source, `profile "${name}" has no access-key/secret-key`);
    const expiration = expirationOf(profile);
    if (expiration && expiration.getTime() <= Date.now()) {
      fail(source, `profile "${name}" has a session token that expired at ${expiration.toISOString()}`);
    }
    const credentials: Credentials = {
      accessKeyId,
      secretAccessKey,
      ...(profile['session-token'] ? { sessionToken: profile['session-token'] } : {}),
      ...(expiration ? { expiration } : {}),
    };
    return credentials;
  };
}
