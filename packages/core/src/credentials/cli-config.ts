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

interface NodeStats {
  readonly size: number;
  readonly mode: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}
interface NodeFileHandle {
  stat(): Promise<NodeStats>;
  read(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}
interface NodeFs {
  statSync(path: string): NodeStats;
  openSync(path: string, flags: number): number;
  fstatSync(fd: number): NodeStats;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  closeSync(fd: number): void;
  readonly constants: { readonly O_RDONLY: number; readonly O_NONBLOCK?: number; readonly O_NOCTTY?: number };
  readonly promises: {
    stat(path: string): Promise<NodeStats>;
    open(path: string, flags: number): Promise<NodeFileHandle>;
  };
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
  | {
      readonly ok: false;
      readonly path: string;
      readonly reason: string;
      readonly missing: boolean;
      /** The file exists but was not read: not a regular file, over 1 MiB, or writable by others. */
      readonly refused?: boolean;
    };

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
  return {
    ok: false,
    path,
    reason: readFailure(error),
    missing: code === 'ENOENT',
    ...(error instanceof RefusedFile ? { refused: true } : {}),
  };
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
  if (error instanceof RefusedFile) return error.message;
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
    text = await readSmallFile(fs, path, { private: true });
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
    text = readSmallFileSync(fs, path, { private: true });
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
  /** The file the settings came from. */
  readonly path?: string;
}

function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * The client settings of the current profile; empty when there is no file, no such profile, or a file that
 * cannot be parsed (the credential chain reports those when it is asked for credentials).
 *
 * @throws {VolcCredentialsError} naming the file, when it exists but must not be read: not a regular file (a
 *   FIFO, a device), larger than 1 MiB, or writable by others than its owner
 */
export function profileClientSettings(location: CliConfigLocation = {}): ProfileClientSettings {
  const loaded = loadCliProfileSync(location);
  if (!loaded.ok && loaded.refused) failWith(`config file ${loaded.path}`, loaded.reason);
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
    path: loaded.path,
  };
}

/**
 * Reads a text file (a token file, the SSO cache) as {@link readSmallFile} does; rejects with the fs error or
 * a {@link RefusedFile} (whose message says why, for {@link readFailure}).
 */
export async function readTextFile(path: string): Promise<string> {
  const fs = await importNodeBuiltin<NodeFs>('node:fs');
  if (!fs) throw Object.assign(new Error('files cannot be read in this runtime'), { code: 'ENOSYS' });
  return readSmallFile(fs, path, { private: false });
}

/** Largest config, token or cache file read, in bytes (they hold a few KB). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A file that was looked at but not read; the message says why (`is not a regular file (a FIFO)`), never its contents. */
export class RefusedFile extends Error {
  readonly code = 'EVOLCREFUSED';
  constructor(reason: string) {
    super(reason);
    this.name = 'RefusedFile';
  }
}

interface ReadRules {
  /** Refuse a file that others than its owner may write (POSIX), as ssh does for its config. */
  readonly private: boolean;
}

function fileKind(stats: NodeStats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function isPosix(): boolean {
  const platform = (globalThis as { process?: { platform?: unknown } }).process?.platform;
  return typeof platform === 'string' && platform !== 'win32';
}

/** Throws {@link RefusedFile} unless `stats` are those of a regular file under the cap (and private, when asked). */
function checkFile(stats: NodeStats, path: string, rules: ReadRules): void {
  if (stats.isDirectory()) throw new RefusedFile('is a directory, not a file');
  if (!stats.isFile()) throw new RefusedFile(`is not a regular file (${fileKind(stats)})`);
  if (stats.size > MAX_FILE_BYTES) throw new RefusedFile(`is larger than 1 MiB (${stats.size} bytes)`);
  if (rules.private && isPosix() && (stats.mode & 0o022) !== 0) {
    const mode = `0${(stats.mode & 0o777).toString(8)}`;
    throw new RefusedFile(
      `is writable by others (mode ${mode}): whoever can write it can send your requests and credentials elsewhere, ` +
        `so it is not used; run \`chmod go-w ${path}\``,
    );
  }
}

/**
 * Open flags that cannot block: a FIFO swapped in after the check opens at once (O_NONBLOCK) instead of
 * waiting for a writer, and a terminal never becomes the controlling one (O_NOCTTY).
 */
function openFlags(fs: NodeFs): number {
  return fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
}

const CHUNK = 64 * 1024;

function decode(chunks: Uint8Array[], total: number): string {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Reads a small regular file without ever blocking on it: its type and size are checked before it is
 * opened (a FIFO or a device is never opened), again on the open descriptor, and reading stops past
 * {@link MAX_FILE_BYTES} (a file that grew meanwhile).
 *
 * @throws {RefusedFile} not a regular file, too large, or (with `rules.private`) writable by others; or the fs error
 */
export function readSmallFileSync(fs: NodeFs, path: string, rules: ReadRules): string {
  checkFile(fs.statSync(path), path, rules);
  const fd = fs.openSync(path, openFlags(fs));
  try {
    checkFile(fs.fstatSync(fd), path, rules);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(CHUNK);
      const read = fs.readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_FILE_BYTES) throw new RefusedFile(`is larger than 1 MiB (over ${MAX_FILE_BYTES} bytes)`);
    }
    return decode(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** {@link readSmallFileSync}, asynchronously. */
export async function readSmallFile(fs: NodeFs, path: string, rules: ReadRules): Promise<string> {
  checkFile(await fs.promises.stat(path), path, rules);
  const handle = await fs.promises.open(path, openFlags(fs));
  try {
    checkFile(await handle.stat(), path, rules);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_FILE_BYTES) throw new RefusedFile(`is larger than 1 MiB (over ${MAX_FILE_BYTES} bytes)`);
    }
    return decode(chunks, total);
  } finally {
    await handle.close();
  }
}
