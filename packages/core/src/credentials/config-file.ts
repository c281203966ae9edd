import { VolcCredentialsError } from '../errors/credentials-error.js';
import { importNodeBuiltin, readEnv } from '../runtime.js';
import { checkCredentials } from './static.js';
import type { Credentials, CredentialsProvider } from './types.js';

export interface ConfigFileOptions {
  /** Profile name; default: env `VOLCENGINE_PROFILE`, then the file's `current`, then `default`. */
  readonly profile?: string;
  /** File path; default `~/.volcengine/config.json` (the volcengine CLI's file). */
  readonly path?: string;
}

/** The fields of a volcengine CLI profile that matter here. */
interface CliProfile {
  readonly mode?: unknown;
  readonly 'access-key'?: unknown;
  readonly 'secret-key'?: unknown;
  readonly 'session-token'?: unknown;
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
      fail(source, readFailure(error));
    }
    const config = parseConfigFile(text, source);
    const name = options.profile ?? readEnv('VOLCENGINE_PROFILE') ?? config.current ?? 'default';
    const raw = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
    if (raw === undefined) fail(source, `has no profile "${name}"`);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(source, `profile "${name}" is ${kindOf(raw)}, expected an object`);
    const profile = raw as CliProfile;
    const mode = profile.mode;
    if (mode !== undefined && mode !== null && typeof mode !== 'string') fail(source, `profile "${name}" has a "mode" that is ${kindOf(mode)}, expected a string such as "ak"`);
    if (mode && mode.toLowerCase() !== 'ak') {
      fail(source, `profile "${name}" uses mode "${mode}"; only access-key profiles are supported`);
    }
    for (const key of ['access-key', 'secret-key', 'session-token'] as const) {
      const value = profile[key];
      if (value !== undefined && value !== null && typeof value !== 'string') fail(source, `profile "${name}" has a "${key}" that is ${kindOf(value)}, expected a string`);
    }
    const accessKeyId = profile['access-key'] as string | undefined;
    const secretAccessKey = profile['secret-key'] as string | undefined;
    const sessionToken = profile['session-token'] as string | undefined;
    if (!accessKeyId || !secretAccessKey) fail(source, `profile "${name}" has no access-key/secret-key`);
    const expiration = expirationOf(profile);
    if (expiration && expiration.getTime() <= Date.now()) {
      fail(source, `profile "${name}" has a session token that expired at ${expiration.toISOString()}`);
    }
    const credentials: Credentials = {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration ? { expiration } : {}),
    };
    return checkCredentials(credentials, `${source} profile "${name}"`, { accessKeyId: 'access-key', secretAccessKey: 'secret-key', sessionToken: 'session-token' });
  };
}

/** The top level of the CLI config file, checked. */
export interface ConfigFileContents {
  /** The file's `current` profile name, when it names one. */
  readonly current: string | undefined;
  /** Profiles by name, as written (each checked when it is used). */
  readonly profiles: Readonly<Record<string, unknown>>;
}

/** `null`, `a number`, `an array`: how a JSON value is named in a message. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Why a file could not be read, for a message: `does not exist`, `is a directory`, `cannot be read (EACCES: permission denied)`. */
export function readFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return `cannot be read: permission denied (${code})`;
  return `cannot be read (${typeof code === 'string' ? code : 'error'})`;
}

/**
 * Parses the text of a volcengine CLI config file: a UTF-8 byte order mark is skipped, and the top level
 * must be an object whose `profiles`, when present, is an object.
 *
 * @throws {VolcCredentialsError} naming `source` and what is wrong (JSON syntax with its position, wrong types)
 */
export function parseConfigFile(text: string, source: string): ConfigFileContents {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    // V8 names the position (`... in JSON at position 12`); the text itself may hold secrets and is not quoted.
    const position = /position \d+(?: \(line \d+ column \d+\))?/.exec(error instanceof Error ? error.message : '')?.[0];
    fail(source, `is not valid JSON${position ? ` (${position})` : ''}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(source, `holds ${kindOf(parsed)}, expected an object with "profiles"`);
  const config = parsed as { current?: unknown; profiles?: unknown };
  const profiles = config.profiles;
  if (profiles !== undefined && (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles))) {
    fail(source, `has "profiles" that is ${kindOf(profiles)}, expected an object of profiles by name`);
  }
  return {
    current: typeof config.current === 'string' && config.current !== '' ? config.current : undefined,
    profiles: (profiles ?? {}) as Record<string, unknown>,
  };
}
