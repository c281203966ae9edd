/**
 * Reading the volcengine CLI's config file (`~/.volcengine/config.json`) as `volcengine-cli configure`
 * and `volcengine-cli sso login` write it:
 * `{ current, profiles: { <name>: Profile }, "sso-session": { <name>: { start-url, region, ... } } }`.
 */
import { VolcCredentialsError } from '../errors/credentials-error.js';
import { nodeBuiltin, importNodeBuiltin, readEnv } from '../runtime.js';

/** A profile's members, as the CLI names them. Every member is optional in the file. */
export interface CliProfile {
  readonly name?: string;
  /** `ak` (or empty), `StsToken`, `RamRoleArn`, `OIDC`, `EcsRole` or `sso`; case-insensitive. */
  readonly mode?: string;
  readonly 'access-key'?: string;
  readonly 'secret-key'?: string;
  readonly 'session-token'?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly 'use-dual-stack'?: boolean;
  readonly 'disable-ssl'?: boolean;
  readonly 'sso-session-name'?: string;
  readonly 'account-id'?: string;
  readonly 'role-name'?: string;
  /** Unix time at which the session token expires, in s, ms, us or ns (read from its size). */
  readonly 'sts-expiration'?: number | string;
  readonly 'role-trn'?: string;
  readonly 'oidc-token-file'?: string;
  readonly policy?: string;
  readonly [other: string]: unknown;
}

export interface CliSsoSession {
  readonly name?: string;
  readonly 'start-url'?: string;
  readonly region?: string;
  readonly 'registration-scopes'?: readonly string[];
}

export interface CliConfig {
  readonly current?: string;
  readonly profiles?: Readonly<Record<string, CliProfile>>;
  readonly 'sso-session'?: Readonly<Record<string, CliSsoSession>>;
}

/** Where the file is and which profile to use, before the file is read. */
export interface CliConfigLocation {
  /** File path; default env `VOLCENGINE_CLI_CONFIG_FILE`, else `~/.volcengine/config.json`. */
  readonly path?: string;
  /** Profile name; default env `VOLCENGINE_PROFILE`, then the file's `current`, then `default`. */
  readonly profile?: string;
}

interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  promises: { readFile(path: string, encoding: 'utf8'): Promise<string> };
}
interface NodeOs {
  homedir(): string;
}

/** The file's path: the option, `VOLCENGINE_CLI_CONFIG_FILE`, or `~/.volcengine/config.json`; undefined without a home. */
export function cliConfigPath(path: string | undefined, os: NodeOs | undefined): string | undefined {
  if (path) return path;
  const fromEnv = readEnv('VOLCENGINE_CLI_CONFIG_FILE');
  if (fromEnv) return fromEnv;
  return os ? `${os.homedir()}/.volcengine/config.json` : undefined;
}

/** The directory of the config file (the SSO token cache lives below it). */
export function configDirOf(path: string): string {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index > 0 ? path.slice(0, index) : '.';
}

export type LoadedProfile =
  | {
      readonly ok: true;
      readonly path: string;
      readonly name: string;
      readonly profile: CliProfile;
      readonly config: CliConfig;
    }
  | { readonly ok: false; readonly path: string; readonly reason: string; readonly missing: boolean };

/** Members that must be strings when present. */
const STRING_MEMBERS = [
  'mode',
  'access-key',
  'secret-key',
  'session-token',
  'region',
  'endpoint',
  'role-trn',
  'role-name',
  'account-id',
  'oidc-token-file',
  'policy',
] as const;

function chooseProfile(path: string, text: string, explicit: string | undefined): LoadedProfile {
  const source = `config file ${path}`;
  let contents: ConfigFileContents;
  try {
    contents = parseConfigFile(text, source);
  } catch (error) {
    return {
      ok: false,
      path,
      reason: (error as VolcCredentialsError).tried[0]?.reason ?? 'cannot be parsed',
      missing: false,
    };
  }
  const name = explicit ?? readEnv('VOLCENGINE_PROFILE') ?? contents.current ?? 'default';
  const entry = Object.hasOwn(contents.profiles, name) ? contents.profiles[name] : undefined;
  if (entry === undefined) return { ok: false, path, reason: `has no profile "${name}"`, missing: false };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { ok: false, path, reason: `profile "${name}" is ${kindOf(entry)}, expected an object`, missing: false };
  }
  const profile = entry as CliProfile;
  for (const key of STRING_MEMBERS) {
    const value = profile[key];
    if (value === undefined || value === null || typeof value === 'string') continue;
    const expected = key === 'mode' ? 'a string such as "ak"' : 'a string';
    return {
      ok: false,
      path,
      reason: `profile "${name}" has a "${key}" that is ${kindOf(value)}, expected ${expected}`,
      missing: false,
    };
  }
  return { ok: true, path, name, profile, config: contents.config };
}

function failureOf(path: string, error: unknown): LoadedProfile {
  const code = (error as { code?: unknown }).code;
  return { ok: false, path, reason: readFailure(error), missing: code === 'ENOENT' };
}

function failWith(source: string, reason: string): never {
  throw new VolcCredentialsError([{ source, reason }]);
}

/** The top level of the CLI config file, checked. */
export interface ConfigFileContents {
  /** The file's `current` profile name, when it names one. */
  readonly current: string | undefined;
  /** Profiles by name, as written (each checked when it is used). */
  readonly profiles: Readonly<Record<string, unknown>>;
  /** The whole file (its `sso-session` table is read by `sso` profiles). */
  readonly config: CliConfig;
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
    failWith(source, `is not valid JSON${position ? ` (${position})` : ''}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    failWith(source, `holds ${kindOf(parsed)}, expected an object with "profiles"`);
  const config = parsed as { current?: unknown; profiles?: unknown };
  const profiles = config.profiles;
  if (profiles !== undefined && (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles))) {
    failWith(source, `has "profiles" that is ${kindOf(profiles)}, expected an object of profiles by name`);
  }
  return {
    current: typeof config.current === 'string' && config.current !== '' ? config.current : undefined,
    profiles: (profiles ?? {}) as Record<string, unknown>,
    config: parsed as CliConfig,
  };
}

/** The answer where this runtime has no file system or home directory. */
function noFiles(path: string | undefined): LoadedProfile {
  return {
    ok: false,
    path: path ?? '~/.volcengine/config.json',
    reason: 'files cannot be read in this runtime',
    missing: true,
  };
}

/** Reads the file and picks the profile. Never throws; a failure says why, without file contents. */
export async function loadCliProfile(location: CliConfigLocation = {}): Promise<LoadedProfile> {
  const fs = await importNodeBuiltin<NodeFs>('node:fs');
  const path = cliConfigPath(location.path, await importNodeBuiltin<NodeOs>('node:os'));
  if (!fs || !path) return noFiles(path);
  let text: string;
  try {
    text = await fs.promises.readFile(path, 'utf8');
  } catch (error) {
    return failureOf(path, error);
  }
  return chooseProfile(path, text, location.profile);
}

/**
 * The same, synchronously, for the client constructor (region, endpoint, dual-stack, ssl from the
 * profile). Needs `process.getBuiltinModule` (Node >= 20.16, Bun, Deno); elsewhere it finds nothing.
 */
export function loadCliProfileSync(location: CliConfigLocation = {}): LoadedProfile {
  const fs = nodeBuiltin<NodeFs>('node:fs');
  const path = cliConfigPath(location.path, nodeBuiltin<NodeOs>('node:os'));
  if (!fs || !path) return noFiles(path);
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    return failureOf(path, error);
  }
  return chooseProfile(path, text, location.profile);
}

/** Client settings a profile may carry, applied to clients made without them. */
export interface ProfileClientSettings {
  readonly region?: string;
  readonly endpoint?: string;
  readonly useDualStack?: boolean;
  /** `disable-ssl`: talk plain http to the profile's (or the default) endpoint. */
  readonly disableSsl?: boolean;
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** The client settings of the current profile; empty when there is no readable file or profile. */
export function profileClientSettings(location: CliConfigLocation = {}): ProfileClientSettings {
  const loaded = loadCliProfileSync(location);
  if (!loaded.ok) return {};
  const p = loaded.profile;
  const region = typeof p.region === 'string' ? p.region.trim() : '';
  const endpoint = typeof p.endpoint === 'string' ? p.endpoint.trim() : '';
  const useDualStack = flag(p['use-dual-stack']);
  const disableSsl = flag(p['disable-ssl']);
  return {
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(useDualStack !== undefined ? { useDualStack } : {}),
    ...(disableSsl !== undefined ? { disableSsl } : {}),
  };
}

/** Reads a text file (a token file, the SSO cache); rejects with the fs error. */
export async function readTextFile(path: string): Promise<string> {
  const fs = await importNodeBuiltin<NodeFs>('node:fs');
  if (!fs) throw Object.assign(new Error('files cannot be read in this runtime'), { code: 'ENOSYS' });
  return fs.promises.readFile(path, 'utf8');
}
