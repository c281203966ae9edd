/**
 * credentials/cli-config.ts in detail: where the file is looked for (the option, VOLCENGINE_CLI_CONFIG_FILE,
 * the home directory), how a profile is chosen and checked, every failure's reason, the client settings a
 * profile carries, and the small-file reader's refusals, driven through a scripted file system where a real
 * one cannot produce the case (a FIFO, a device, a file that grows while it is read).
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VolcCredentialsError } from '../src/index.js';
import {
  cliConfigPath,
  configDirOf,
  loadCliProfile,
  loadCliProfileSync,
  MAX_FILE_BYTES,
  parseConfigFile,
  profileClientSettings,
  readFailure,
  readSmallFile,
  readSmallFileSync,
  readTextFile,
  RefusedFile,
} from '../src/credentials/cli-config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'volc-core-cli-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

let files = 0;
async function configFile(content: unknown, mode = 0o600): Promise<string> {
  const path = join(dir, `config-${files++}.json`);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  await chmod(path, mode);
  return path;
}

describe('where the file is', () => {
  const os = { homedir: () => '/home/someone' };

  it('takes the option, then VOLCENGINE_CLI_CONFIG_FILE, then the home directory', () => {
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', '/from/env.json');
    expect(cliConfigPath('/from/option.json', os)).toBe('/from/option.json');
    expect(cliConfigPath(undefined, os)).toBe('/from/env.json');
    expect(cliConfigPath('', os)).toBe('/from/env.json');
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', '');
    expect(cliConfigPath(undefined, os)).toBe('/home/someone/.volcengine/config.json');
    expect(cliConfigPath(undefined, undefined)).toBeUndefined();
  });

  it('reads the file VOLCENGINE_CLI_CONFIG_FILE names, on both paths', async () => {
    const path = await configFile({ profiles: { default: { region: 'cn-env' } } });
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    vi.stubEnv('VOLCENGINE_PROFILE', '');
    expect(loadCliProfileSync()).toMatchObject({ ok: true, path, name: 'default' });
    expect(await loadCliProfile()).toMatchObject({ ok: true, path, name: 'default' });
    expect(profileClientSettings()).toEqual({ region: 'cn-env', path });
  });

  it('reads ~/.volcengine/config.json without the variable', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.volcengine'), { recursive: true });
    await writeFile(join(home, '.volcengine', 'config.json'), JSON.stringify({ profiles: { default: {} } }), {
      mode: 0o600,
    });
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', '');
    vi.stubEnv('HOME', home);
    vi.stubEnv('USERPROFILE', home);
    expect(loadCliProfileSync()).toMatchObject({ ok: true, path: join(home, '.volcengine', 'config.json') });
  });

  it.each([
    ['/a/b/config.json', '/a/b'],
    ['a/config.json', 'a'],
    ['C:\\Users\\me\\config.json', 'C:\\Users\\me'],
    ['C:\\Users/me\\config.json', 'C:\\Users/me'],
    ['config.json', '.'],
  ])('the directory of %s is %s', (path, directory) => {
    expect(configDirOf(path)).toBe(directory);
  });
});

describe('which profile', () => {
  it('takes the option, then VOLCENGINE_PROFILE, then current, then default', async () => {
    const path = await configFile({ current: 'cur', profiles: { opt: {}, env: {}, cur: {}, default: {} } });
    vi.stubEnv('VOLCENGINE_PROFILE', 'env');
    expect(loadCliProfileSync({ path, profile: 'opt' })).toMatchObject({ ok: true, name: 'opt' });
    expect(loadCliProfileSync({ path })).toMatchObject({ ok: true, name: 'env' });
    vi.stubEnv('VOLCENGINE_PROFILE', '');
    expect(loadCliProfileSync({ path })).toMatchObject({ ok: true, name: 'cur' });
    const noCurrent = await configFile({ current: '', profiles: { default: { region: 'd' } } });
    expect(loadCliProfileSync({ path: noCurrent })).toMatchObject({
      ok: true,
      name: 'default',
      profile: { region: 'd' },
    });
  });

  it('gives the profile, its name, the whole file and the path', async () => {
    const content = { current: 'p', profiles: { p: { mode: 'ak', region: null } }, 'sso-session': { s: {} } };
    const path = await configFile(content);
    expect(loadCliProfileSync({ path })).toEqual({
      ok: true,
      path,
      name: 'p',
      profile: content.profiles.p,
      config: content,
    });
  });

  it.each([
    ['a missing profile', { profiles: { other: {} } }, 'has no profile "p"'],
    ['a name only the prototype has', { profiles: {} }, 'has no profile "p"'],
    ['an array profile', { profiles: { p: [] } }, 'profile "p" is an array, expected an object'],
    ['a null profile', { profiles: { p: null } }, 'profile "p" is null, expected an object'],
    ['a string profile', { profiles: { p: 'ak' } }, 'profile "p" is a string, expected an object'],
    [
      'a numeric mode',
      { profiles: { p: { mode: 1 } } },
      'profile "p" has a "mode" that is a number, expected a string such as "ak"',
    ],
    [
      'an object secret key',
      { profiles: { p: { 'secret-key': {} } } },
      'profile "p" has a "secret-key" that is an object, expected a string',
    ],
    [
      'a boolean region',
      { profiles: { p: { region: true } } },
      'profile "p" has a "region" that is a boolean, expected a string',
    ],
    [
      'an array policy',
      { profiles: { p: { policy: [] } } },
      'profile "p" has a "policy" that is an array, expected a string',
    ],
  ])('refuses %s', async (_name, content, reason) => {
    const path = await configFile(content);
    expect(loadCliProfileSync({ path, profile: 'p' })).toEqual({ ok: false, path, reason, missing: false });
    expect(await loadCliProfile({ path, profile: 'p' })).toEqual({ ok: false, path, reason, missing: false });
  });

  it('uses "toString" as a profile only when the file has one', async () => {
    const path = await configFile({ profiles: {} });
    expect(loadCliProfileSync({ path, profile: 'toString' })).toMatchObject({
      ok: false,
      reason: 'has no profile "toString"',
    });
  });
});

describe('parseConfigFile', () => {
  const parse = (text: string) => parseConfigFile(text, 'config file F');
  const reasonOf = (text: string) => {
    try {
      parse(text);
    } catch (error) {
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect((error as VolcCredentialsError).tried).toHaveLength(1);
      expect((error as VolcCredentialsError).tried[0]?.source).toBe('config file F');
      return (error as VolcCredentialsError).tried[0]?.reason;
    }
    return undefined;
  };

  it('skips a byte order mark and reads current and profiles', () => {
    expect(parse('\ufeff{"current":"a","profiles":{"a":{}}}')).toEqual({
      current: 'a',
      profiles: { a: {} },
      config: { current: 'a', profiles: { a: {} } },
    });
    expect(parse('{"current":5}')).toEqual({ current: undefined, profiles: {}, config: { current: 5 } });
  });

  it('names the position of a syntax error, never the text', () => {
    // Newer V8 adds the line and column.
    expect(reasonOf('{"secret-key":"NEVER-QUOTED",}')).toMatch(
      /^is not valid JSON \(position 29( \(line 1 column 30\))?\)$/,
    );
    expect(reasonOf('{"secret-key": NEVER-QUOTED}')).toBe('is not valid JSON');
    expect(reasonOf('x\ufeff{}')).toMatch(/^is not valid JSON/);
  });

  it.each([
    ['[]', 'holds an array, expected an object with "profiles"'],
    ['null', 'holds null, expected an object with "profiles"'],
    ['5', 'holds a number, expected an object with "profiles"'],
    ['"x"', 'holds a string, expected an object with "profiles"'],
    ['{"profiles":[]}', 'has "profiles" that is an array, expected an object of profiles by name'],
    ['{"profiles":null}', 'has "profiles" that is null, expected an object of profiles by name'],
    ['{"profiles":"p"}', 'has "profiles" that is a string, expected an object of profiles by name'],
  ])('refuses %s', (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });

  it('reports a file it cannot parse through the loader, without throwing', async () => {
    const path = await configFile('[1]');
    expect(loadCliProfileSync({ path })).toEqual({
      ok: false,
      path,
      reason: 'holds an array, expected an object with "profiles"',
      missing: false,
    });
  });
});

describe('readFailure and the loader on files it cannot read', () => {
  it.each([
    [{ code: 'ENOENT' }, 'does not exist'],
    [{ code: 'EISDIR' }, 'is a directory, not a file'],
    [{ code: 'EACCES' }, 'cannot be read: permission denied (EACCES)'],
    [{ code: 'EPERM' }, 'cannot be read: permission denied (EPERM)'],
    [{ code: 'EMFILE' }, 'cannot be read (EMFILE)'],
    [{ code: 5 }, 'cannot be read (error)'],
    [{}, 'cannot be read (error)'],
    [null, 'cannot be read (error)'],
    [new RefusedFile('is not a regular file (a FIFO)'), 'is not a regular file (a FIFO)'],
  ])('explains %o as %s', (error, reason) => {
    expect(readFailure(error)).toBe(reason);
  });

  it('marks only a missing file as missing, and a refused one as refused', async () => {
    const absent = join(dir, 'absent.json');
    expect(loadCliProfileSync({ path: absent })).toEqual({
      ok: false,
      path: absent,
      reason: 'does not exist',
      missing: true,
    });
    expect(await loadCliProfile({ path: absent })).toEqual({
      ok: false,
      path: absent,
      reason: 'does not exist',
      missing: true,
    });
    expect(loadCliProfileSync({ path: dir })).toEqual({
      ok: false,
      path: dir,
      reason: 'is a directory, not a file',
      missing: false,
      refused: true,
    });
  });

  it.each([0o620, 0o602, 0o666])('refuses a file others may write (mode %o), naming the fix', async (mode) => {
    const path = await configFile({ profiles: { default: {} } }, mode);
    const loaded = loadCliProfileSync({ path });
    expect(loaded).toMatchObject({ ok: false, missing: false, refused: true });
    expect(loaded.ok === false && loaded.reason).toBe(
      `is writable by others (mode 0${mode.toString(8)}): whoever can write it can send your requests and credentials elsewhere, so it is not used; run \`chmod go-w ${path}\``,
    );
    expect(() => profileClientSettings({ path })).toThrow(VolcCredentialsError);
    // A token file need not be private.
    await expect(readTextFile(path)).resolves.toBe('{"profiles":{"default":{}}}');
  });

  it.each([0o600, 0o644, 0o755, 0o711])('reads a file only its owner may write (mode %o)', async (mode) => {
    const path = await configFile({ profiles: { default: {} } }, mode);
    expect(loadCliProfileSync({ path })).toMatchObject({ ok: true });
    expect(await loadCliProfile({ path })).toMatchObject({ ok: true });
  });

  it('does not look at the mode where there is none to look at (Windows)', async () => {
    const path = await configFile({ profiles: { default: {} } }, 0o666);
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
    try {
      expect(loadCliProfileSync({ path })).toMatchObject({ ok: true });
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});

describe('profileClientSettings', () => {
  it('takes the trimmed region and endpoint, and the flags written as booleans or strings', async () => {
    const path = await configFile({
      profiles: {
        default: { region: ' cn-x ', endpoint: ' https://e.test ', 'use-dual-stack': 'true', 'disable-ssl': false },
      },
    });
    expect(profileClientSettings({ path })).toEqual({
      region: 'cn-x',
      endpoint: 'https://e.test',
      useDualStack: true,
      disableSsl: false,
      path,
    });
  });

  it.each([
    [
      { 'use-dual-stack': true, 'disable-ssl': 'false' },
      { useDualStack: true, disableSsl: false },
    ],
    [{ 'use-dual-stack': 'yes', 'disable-ssl': 1 }, {}],
    [{ region: '  ', endpoint: '' }, {}],
  ])('reads %o as %o', async (profile, settings) => {
    const path = await configFile({ profiles: { default: profile } });
    expect(profileClientSettings({ path })).toStrictEqual({ ...settings, path });
  });

  it('is empty without a file or a usable profile', async () => {
    expect(profileClientSettings({ path: join(dir, 'absent.json') })).toEqual({});
    expect(profileClientSettings({ path: await configFile('{') })).toEqual({});
  });

  it('throws for a file that must not be read, naming it', () => {
    let error: unknown;
    try {
      profileClientSettings({ path: dir });
    } catch (e) {
      error = e;
    }
    expect((error as VolcCredentialsError).tried).toEqual([
      { source: `config file ${dir}`, reason: 'is a directory, not a file' },
    ]);
  });
});

/** Stats of a file of `kind`; every predicate false but the one named. */
function stats(kind: string, size = 10, mode = 0o100600) {
  return {
    size,
    mode,
    isFile: () => kind === 'file',
    isDirectory: () => kind === 'directory',
    isFIFO: () => kind === 'fifo',
    isCharacterDevice: () => kind === 'char',
    isBlockDevice: () => kind === 'block',
    isSocket: () => kind === 'socket',
  };
}

/**
 * A file system with one file: `before` are the stats of the path, `after` those of the opened descriptor,
 * and `chunks` what successive reads return. Records the open flags and whether the file was closed.
 */
function scriptedFs(options: {
  before: ReturnType<typeof stats>;
  after?: ReturnType<typeof stats>;
  chunks?: Uint8Array[];
}) {
  const record = { flags: -1, opened: 0, closed: 0 };
  let reads = 0;
  const nextChunk = (buffer: Uint8Array) => {
    const chunk = options.chunks?.[reads++];
    if (!chunk) return 0;
    buffer.set(chunk);
    return chunk.length;
  };
  const after = options.after ?? options.before;
  const fs = {
    constants: { O_RDONLY: 1, O_NONBLOCK: 2, O_NOCTTY: 4 },
    statSync: () => options.before,
    openSync: (_path: string, flags: number) => {
      record.flags = flags;
      record.opened++;
      return 7;
    },
    fstatSync: () => after,
    readSync: (_fd: number, buffer: Uint8Array) => nextChunk(buffer),
    closeSync: () => {
      record.closed++;
    },
    promises: {
      stat: async () => options.before,
      open: async (_path: string, flags: number) => {
        record.flags = flags;
        record.opened++;
        return {
          stat: async () => after,
          read: async (buffer: Uint8Array) => ({ bytesRead: nextChunk(buffer) }),
          close: async () => {
            record.closed++;
          },
        };
      },
    },
  };
  return { fs, record };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const both = [
  [
    'sync',
    (fs: Parameters<typeof readSmallFileSync>[0]) =>
      Promise.resolve().then(() => readSmallFileSync(fs, '/f', { private: true })),
  ],
  ['async', (fs: Parameters<typeof readSmallFile>[0]) => readSmallFile(fs, '/f', { private: true })],
] as const;

describe.each(both)('the small-file reader (%s)', (_name, read) => {
  it.each([
    ['fifo', 'is not a regular file (a FIFO)'],
    ['char', 'is not a regular file (a character device)'],
    ['block', 'is not a regular file (a block device)'],
    ['socket', 'is not a regular file (a socket)'],
    ['other', 'is not a regular file (not a file)'],
    ['directory', 'is a directory, not a file'],
  ])('never opens a %s', async (kind, reason) => {
    const { fs, record } = scriptedFs({ before: stats(kind) });
    await expect(read(fs)).rejects.toThrow(new RefusedFile(reason));
    expect(record.opened).toBe(0);
  });

  it('refuses a file over 1 MiB before opening it, and reads one of exactly 1 MiB', async () => {
    const big = scriptedFs({ before: stats('file', MAX_FILE_BYTES + 1) });
    await expect(read(big.fs)).rejects.toThrow(`is larger than 1 MiB (${MAX_FILE_BYTES + 1} bytes)`);
    expect(big.record.opened).toBe(0);
    const exact = scriptedFs({ before: stats('file', MAX_FILE_BYTES), chunks: [bytes('{}')] });
    await expect(read(exact.fs)).resolves.toBe('{}');
  });

  it('checks the opened descriptor again, and closes it', async () => {
    const swapped = scriptedFs({ before: stats('file'), after: stats('fifo') });
    await expect(read(swapped.fs)).rejects.toThrow('is not a regular file (a FIFO)');
    expect([swapped.record.opened, swapped.record.closed]).toEqual([1, 1]);
    const opened = scriptedFs({ before: stats('file'), after: stats('file', 10, 0o100666) });
    await expect(read(opened.fs)).rejects.toThrow('is writable by others (mode 0666)');
  });

  it('opens without blocking and without taking a terminal', async () => {
    const { fs, record } = scriptedFs({ before: stats('file'), chunks: [bytes('x')] });
    await read(fs);
    expect(record.flags).toBe(1 | 2 | 4);
    const plain = scriptedFs({ before: stats('file'), chunks: [bytes('x')] });
    plain.fs.constants = { O_RDONLY: 1 } as typeof plain.fs.constants;
    await read(plain.fs);
    expect(plain.record.flags).toBe(1);
  });

  it('joins the chunks in order, a character split between them included', async () => {
    const text = bytes('ab名cd');
    const { fs, record } = scriptedFs({
      before: stats('file'),
      chunks: [text.subarray(0, 3), text.subarray(3, 5), text.subarray(5)],
    });
    await expect(read(fs)).resolves.toBe('ab名cd');
    expect(record.closed).toBe(1);
  });

  it('stops reading a file that grew past 1 MiB, and reads one that reached it exactly', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const chunks = Array.from({ length: 16 }, () => chunk);
    const exact = scriptedFs({ before: stats('file'), chunks });
    await expect(read(exact.fs)).resolves.toHaveLength(MAX_FILE_BYTES);
    const grown = scriptedFs({ before: stats('file'), chunks: [...chunks, new Uint8Array(1)] });
    await expect(read(grown.fs)).rejects.toThrow(`is larger than 1 MiB (over ${MAX_FILE_BYTES} bytes)`);
    expect(grown.record.closed).toBe(1);
  });
});
