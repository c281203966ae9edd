import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  cachedCredentials,
  chainCredentials,
  defaultCredentialChain,
  fromConfigFile,
  fromEnv,
  fromStatic,
  VolcCredentialsError,
  type Credentials,
} from '../src/index.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, SecretWatch } from './helpers/secrets.js';

const ENV_NAMES = [
  'VOLCENGINE_ACCESS_KEY',
  'VOLCENGINE_SECRET_KEY',
  'VOLCENGINE_SESSION_TOKEN',
  'VOLCSTACK_ACCESS_KEY_ID',
  'VOLCSTACK_SECRET_ACCESS_KEY',
  'VOLCSTACK_SESSION_TOKEN',
  'VOLCSTACK_ACCESS_KEY',
  'VOLCSTACK_SECRET_KEY',
  'VOLCENGINE_PROFILE',
];

const watch = new SecretWatch();
let dir: string;

function clearEnv() {
  for (const name of ENV_NAMES) vi.stubEnv(name, '');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'volc-core-creds-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  watch.assertClean();
});

async function writeConfig(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('fromStatic', () => {
  it('returns the given pair', async () => {
    await expect(fromStatic({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })()).resolves.toEqual({
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
    });
  });

  it('rejects an incomplete pair naming the missing part, not the value', async () => {
    const error = await watch.rejection(fromStatic({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: '' })());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('static: secretAccessKey is empty');
  });
});

describe('fromEnv', () => {
  it('reads VOLCENGINE_* with an optional session token', async () => {
    clearEnv();
    vi.stubEnv('VOLCENGINE_ACCESS_KEY', ACCESS_KEY_ID);
    vi.stubEnv('VOLCENGINE_SECRET_KEY', SECRET_ACCESS_KEY);
    await expect(fromEnv()()).resolves.toEqual({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY });
    vi.stubEnv('VOLCENGINE_SESSION_TOKEN', SESSION_TOKEN);
    await expect(fromEnv()()).resolves.toEqual({
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      sessionToken: SESSION_TOKEN,
    });
  });

  it('falls back to the older VOLCSTACK_* names', async () => {
    clearEnv();
    vi.stubEnv('VOLCSTACK_ACCESS_KEY_ID', 'AKold');
    vi.stubEnv('VOLCSTACK_SECRET_ACCESS_KEY', SECRET_ACCESS_KEY);
    await expect(fromEnv()()).resolves.toEqual({ accessKeyId: 'AKold', secretAccessKey: SECRET_ACCESS_KEY });
  });

  it('falls back to the shorter older VOLCSTACK_ACCESS_KEY / VOLCSTACK_SECRET_KEY last', async () => {
    clearEnv();
    vi.stubEnv('VOLCSTACK_ACCESS_KEY', 'AKshort');
    vi.stubEnv('VOLCSTACK_SECRET_KEY', SECRET_ACCESS_KEY);
    await expect(fromEnv()()).resolves.toEqual({ accessKeyId: 'AKshort', secretAccessKey: SECRET_ACCESS_KEY });
    vi.stubEnv('VOLCSTACK_ACCESS_KEY_ID', 'AKold');
    vi.stubEnv('VOLCSTACK_SECRET_ACCESS_KEY', SECRET_ACCESS_KEY);
    await expect(fromEnv()()).resolves.toMatchObject({ accessKeyId: 'AKold' });
  });

  it('prefers VOLCENGINE_* when both are set', async () => {
    clearEnv();
    vi.stubEnv('VOLCSTACK_ACCESS_KEY_ID', 'AKold');
    vi.stubEnv('VOLCSTACK_SECRET_ACCESS_KEY', 'old-secret');
    vi.stubEnv('VOLCENGINE_ACCESS_KEY', 'AKnew');
    vi.stubEnv('VOLCENGINE_SECRET_KEY', SECRET_ACCESS_KEY);
    await expect(fromEnv()()).resolves.toMatchObject({ accessKeyId: 'AKnew' });
  });

  it('says which variable is missing when only half a pair is set', async () => {
    clearEnv();
    vi.stubEnv('VOLCENGINE_SECRET_KEY', SECRET_ACCESS_KEY);
    const error = await watch.rejection(fromEnv()());
    expect(error.message).toContain('VOLCENGINE_SECRET_KEY is set but VOLCENGINE_ACCESS_KEY is not');
  });

  it('says what it looked for when nothing is set', async () => {
    clearEnv();
    const error = await watch.rejection(fromEnv()());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect((error as VolcCredentialsError).tried).toEqual([
      { source: 'environment', reason: expect.stringContaining('VOLCENGINE_ACCESS_KEY') },
    ]);
  });
});

const config = {
  current: 'work',
  profiles: {
    default: {
      name: 'default',
      mode: 'ak',
      'access-key': 'AKdefault',
      'secret-key': SECRET_ACCESS_KEY,
      region: 'cn-beijing',
    },
    work: {
      name: 'work',
      mode: 'ak',
      'access-key': 'AKwork',
      'secret-key': SECRET_ACCESS_KEY,
      'session-token': SESSION_TOKEN,
      'sts-expiration': 4102444800,
    },
    sso: { name: 'sso', mode: 'sso', 'sso-session-name': 'x' },
    expired: {
      mode: 'ak',
      'access-key': 'AKx',
      'secret-key': SECRET_ACCESS_KEY,
      'session-token': SESSION_TOKEN,
      'sts-expiration': 1000,
    },
    empty: { mode: 'ak', 'access-key': '', 'secret-key': '' },
  },
};

describe('fromConfigFile', () => {
  it('reads the current profile, with session token and expiration', async () => {
    clearEnv();
    const path = await writeConfig('config.json', config);
    await expect(fromConfigFile({ path })()).resolves.toEqual({
      accessKeyId: 'AKwork',
      secretAccessKey: SECRET_ACCESS_KEY,
      sessionToken: SESSION_TOKEN,
      expiration: new Date(4102444800 * 1000),
    });
  });

  it('takes the profile from the option, else VOLCENGINE_PROFILE', async () => {
    clearEnv();
    const path = await writeConfig('config.json', config);
    await expect(fromConfigFile({ path, profile: 'default' })()).resolves.toMatchObject({ accessKeyId: 'AKdefault' });
    vi.stubEnv('VOLCENGINE_PROFILE', 'default');
    await expect(fromConfigFile({ path })()).resolves.toMatchObject({ accessKeyId: 'AKdefault' });
  });

  it('uses the "default" profile when the file names no current one', async () => {
    clearEnv();
    const path = await writeConfig('nocurrent.json', { profiles: config.profiles });
    await expect(fromConfigFile({ path })()).resolves.toMatchObject({ accessKeyId: 'AKdefault' });
  });

  it.each([
    ['missing file', async () => join(dir, 'nope.json'), {}, 'does not exist'],
    [
      'broken JSON',
      async () => writeConfig('broken.json', `{"profiles": {"default": {"secret-key": "${SECRET_ACCESS_KEY}"`),
      {},
      'is not valid JSON',
    ],
    ['unknown profile', async () => writeConfig('c1.json', config), { profile: 'nobody' }, 'has no profile "nobody"'],
    [
      'sso profile without its role',
      async () => writeConfig('c2.json', config),
      { profile: 'sso' },
      'profile "sso" (sso) in',
    ],
    [
      'expired token',
      async () => writeConfig('c3.json', config),
      { profile: 'expired' },
      'expired at 1970-01-01T00:16:40.000Z',
    ],
    ['empty keys', async () => writeConfig('c4.json', config), { profile: 'empty' }, 'profile "empty" (ak) in'],
  ])('explains a %s without showing the secret', async (_name, makePath, options, reason) => {
    clearEnv();
    const path = await makePath();
    const error = await watch.rejection(fromConfigFile({ path, ...options })());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(path);
    expect(error.message).toContain(reason);
    expect(error.message).not.toContain(SECRET_ACCESS_KEY);
  });
});

describe('chains', () => {
  it('returns the first source that has credentials', async () => {
    const chain = chainCredentials(
      async () => {
        throw new VolcCredentialsError([{ source: 'a', reason: 'nothing' }]);
      },
      fromStatic({ accessKeyId: 'AKb', secretAccessKey: SECRET_ACCESS_KEY }),
    );
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKb' });
  });

  it('lists every source tried when none has credentials', async () => {
    const chain = chainCredentials(fromStatic({ accessKeyId: '', secretAccessKey: '' }), async () => {
      throw new TypeError('metadata service unreachable');
    });
    const error = (await watch.rejection(chain())) as VolcCredentialsError;
    expect(error.tried).toEqual([
      { source: 'static', reason: 'accessKeyId is empty' },
      { source: 'provider #2', reason: 'metadata service unreachable' },
    ]);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('default chain: environment first, then the config file named by HOME', async () => {
    clearEnv();
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', '');
    const home = join(dir, 'home');
    await mkdir(join(home, '.volcengine'), { recursive: true });
    await writeFile(join(home, '.volcengine', 'config.json'), JSON.stringify(config));
    vi.stubEnv('HOME', home);
    vi.stubEnv('USERPROFILE', home);
    await expect(defaultCredentialChain()()).resolves.toMatchObject({ accessKeyId: 'AKwork' });

    vi.stubEnv('VOLCENGINE_ACCESS_KEY', 'AKenv');
    vi.stubEnv('VOLCENGINE_SECRET_KEY', SECRET_ACCESS_KEY);
    await expect(defaultCredentialChain()()).resolves.toMatchObject({ accessKeyId: 'AKenv' });
  });

  it('default chain: names every source when none has credentials', async () => {
    clearEnv();
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', '');
    vi.stubEnv('HOME', join(dir, 'empty-home'));
    vi.stubEnv('USERPROFILE', join(dir, 'empty-home'));
    const error = (await watch.rejection(defaultCredentialChain()())) as VolcCredentialsError;
    expect(error.tried.map((t) => t.source)).toEqual([
      'environment',
      'OIDC from environment',
      `config file ${join(dir, 'empty-home')}/.volcengine/config.json`,
      'ECS instance role',
    ]);
    expect(error.message).toMatch(
      /^No Volcengine credentials found \(tried environment: .*; OIDC from environment: .* are not set; config file .*: does not exist; ECS instance role: skipped \(VOLCENGINE_ECS_METADATA_DISABLED=true\)\)$/,
    );
  });
});

describe('cachedCredentials', () => {
  it('calls the provider once while credentials are fresh, and shares a pending refresh', async () => {
    let calls = 0;
    let now = 1_000_000;
    const provider = async (): Promise<Credentials> => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return { accessKeyId: `AK${calls}`, secretAccessKey: SECRET_ACCESS_KEY, expiration: new Date(now + 10 * 60_000) };
    };
    const cached = cachedCredentials(provider, { now: () => now });
    const [a, b] = await Promise.all([cached(), cached()]);
    expect(calls).toBe(1);
    expect(a).toBe(b);
    now += 4 * 60_000; // 6 minutes left: still fresh
    await expect(cached()).resolves.toMatchObject({ accessKeyId: 'AK1' });
    now += 2 * 60_000; // 4 minutes left: refresh
    await expect(cached()).resolves.toMatchObject({ accessKeyId: 'AK2' });
    expect(calls).toBe(2);
  });

  it('keeps still-valid credentials when a refresh fails, and fails once they expire', async () => {
    let now = 0;
    let fail = false;
    const cached = cachedCredentials(
      async () => {
        if (fail) throw new VolcCredentialsError([{ source: 'sts', reason: 'down' }]);
        return { accessKeyId: 'AK', secretAccessKey: SECRET_ACCESS_KEY, expiration: new Date(now + 6 * 60_000) };
      },
      { now: () => now },
    );
    await cached();
    fail = true;
    now += 2 * 60_000;
    await expect(cached()).resolves.toMatchObject({ accessKeyId: 'AK' });
    now += 5 * 60_000;
    watch.error(await cached().catch((e: unknown) => e));
    await expect(cached()).rejects.toBeInstanceOf(VolcCredentialsError);
  });
});
