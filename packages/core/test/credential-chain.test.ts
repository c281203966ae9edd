/**
 * chainCredentials and defaultCredentialChain, pinned down: which provider is asked first, what the error
 * of an empty chain holds, and that the default chain hands its options to each step. HTTP-based steps get
 * a fetch function that answers by itself, so nothing leaves the process; the metadata endpoint of the
 * environment points at a closed loopback port in case a step ever ignored the fetch it was given.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  chainCredentials,
  type Credentials,
  type CredentialsProvider,
  defaultCredentialChain,
  VolcCredentialsError,
  VolcError,
} from '../src/index.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN } from './helpers/secrets.js';

const pair: Credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };

/** A provider that counts its calls and answers from a script: a credentials object, or an error to throw. */
function scripted(...answers: (Credentials | unknown)[]): CredentialsProvider & { calls: number } {
  const provider = Object.assign(
    async () => {
      const answer = answers[Math.min(provider.calls, answers.length - 1)];
      provider.calls++;
      if (answer instanceof Error || typeof answer !== 'object' || answer === null || !('accessKeyId' in answer))
        throw answer;
      return answer as Credentials;
    },
    { calls: 0 },
  );
  return provider;
}

const nothing = (source: string) => new VolcCredentialsError([{ source, reason: 'has nothing' }]);

describe('chainCredentials: order', () => {
  it('asks the provider that worked first next time, skipping the ones before it', async () => {
    const first = scripted(nothing('first'));
    const second = scripted({ ...pair, accessKeyId: 'AKsecond' });
    const chain = chainCredentials(first, second);
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKsecond' });
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKsecond' });
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKsecond' });
    expect(first.calls).toBe(1);
    expect(second.calls).toBe(3);
  });

  it('walks the whole list again when the remembered provider fails, and remembers the new one', async () => {
    const first = scripted(nothing('first'), { ...pair, accessKeyId: 'AKfirst' });
    const second = scripted({ ...pair, accessKeyId: 'AKsecond' }, nothing('second'));
    const chain = chainCredentials(first, second);
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKsecond' });
    // The remembered second provider fails now: the walk starts over at the first, which works.
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKfirst' });
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKfirst' });
    expect([first.calls, second.calls]).toEqual([3, 2]);
  });
});

describe('chainCredentials: the error when no provider has credentials', () => {
  it('lists the attempts of credential errors and keeps no cause when every failure is one', async () => {
    const error = await chainCredentials(scripted(nothing('a')), scripted(nothing('b')))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect((error as VolcCredentialsError).tried).toEqual([
      { source: 'a', reason: 'has nothing' },
      { source: 'b', reason: 'has nothing' },
    ]);
    expect(Object.hasOwn(error as object, 'cause')).toBe(false);
  });

  it('reads the attempts of a credentials error made by another copy of the SDK', async () => {
    // Another copy's class: not an instance of this one's, but branded as a VolcError with `tried`.
    const foreign = Object.assign(new Error('No Volcengine credentials found'), {
      tried: [{ source: 'environment', reason: 'is empty' }],
    });
    Object.defineProperty(foreign, Symbol.for('volc-ts.error'), { value: ['VolcError', 'VolcCredentialsError'] });
    const error = (await chainCredentials(scripted(foreign))().catch((e: unknown) => e)) as VolcCredentialsError;
    expect(error.tried).toEqual([{ source: 'environment', reason: 'is empty' }]);
    expect(Object.hasOwn(error, 'cause')).toBe(false);
  });

  it('names a custom provider by its position and keeps its first error as the cause', async () => {
    // An error that carries `tried` but is no SDK error is still the provider's own.
    const custom = Object.assign(new Error('vault sealed'), { tried: [{ source: 'fake', reason: 'fake' }] });
    const later = new Error('second failure');
    const error = (await chainCredentials(scripted(nothing('env')), scripted(custom), scripted(later))().catch(
      (e: unknown) => e,
    )) as VolcCredentialsError;
    expect(error.tried).toEqual([
      { source: 'env', reason: 'has nothing' },
      { source: 'provider #2', reason: 'vault sealed' },
      { source: 'provider #3', reason: 'second failure' },
    ]);
    expect(error.cause).toBe(custom);
  });

  it('treats an SDK error without `tried` as a custom failure', async () => {
    const other = new VolcError('some other SDK failure');
    const error = (await chainCredentials(scripted(other))().catch((e: unknown) => e)) as VolcCredentialsError;
    expect(error.tried).toEqual([{ source: 'provider #1', reason: 'some other SDK failure' }]);
    expect(error.cause).toBe(other);
  });

  it('cuts a long message to 120 characters and names a thrown non-error "failed"', async () => {
    const long = new Error(`${'x'.repeat(120)}TAIL`);
    const error = (await chainCredentials(scripted(long), scripted('a string'))().catch(
      (e: unknown) => e,
    )) as VolcCredentialsError;
    expect(error.tried).toEqual([
      { source: 'provider #1', reason: 'x'.repeat(120) },
      { source: 'provider #2', reason: 'failed' },
    ]);
  });
});

describe('defaultCredentialChain: options reach their step', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'volc-core-chain-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  function isolate() {
    for (const name of ['VOLCENGINE_ACCESS_KEY', 'VOLCENGINE_SECRET_KEY', 'VOLCSTACK_ACCESS_KEY_ID'])
      vi.stubEnv(name, '');
    vi.stubEnv('VOLCSTACK_SECRET_ACCESS_KEY', '');
    vi.stubEnv('VOLCENGINE_PROFILE', '');
    // A closed loopback port: a step that ignored the fetch it was given would fail here, never leave the host.
    vi.stubEnv('VOLCENGINE_ECS_METADATA_ENDPOINT', 'http://127.0.0.1:9');
  }

  /** A metadata service as a fetch function: token, then the role's credentials. Records the URLs asked. */
  function metadataFetch(accessKeyId: string) {
    const urls: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      urls.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url}`);
      if (url.endsWith('/latest/api/token')) return new Response('metadata-token');
      return new Response(
        JSON.stringify({ AccessKeyId: accessKeyId, SecretAccessKey: SECRET_ACCESS_KEY, SessionToken: SESSION_TOKEN }),
      );
    };
    return { fetch: fetch as typeof globalThis.fetch, urls };
  }

  it('asks the instance role step with its endpoint and fetch when the step is on', async () => {
    isolate();
    vi.stubEnv('VOLCENGINE_ECS_METADATA_DISABLED', 'false');
    const { fetch, urls } = metadataFetch('AKinstance');
    const chain = defaultCredentialChain({
      fetch,
      configFile: { path: join(dir, 'absent.json') },
      instanceMetadata: { endpoint: 'http://metadata.test', roleName: 'app-role' },
    });
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKinstance', sessionToken: SESSION_TOKEN });
    expect(urls[0]).toMatch(/^\w+ http:\/\/metadata\.test\/latest\/api\/token$/);
    expect(urls.at(-1)).toMatch(
      /^POST http:\/\/metadata\.test\/volcstack\/latest\/iam\/security_credentials\/app-role$/,
    );
  });

  it('reads the config file the options name, and gives its profiles the fetch', async () => {
    isolate();
    const path = join(dir, 'ecs-role.json');
    await writeFile(path, JSON.stringify({ current: 'ecs', profiles: { ecs: { mode: 'EcsRole', 'role-name': 'r' } } }));
    const { fetch, urls } = metadataFetch('AKprofile');
    const chain = defaultCredentialChain({
      fetch,
      configFile: { path, instanceMetadata: { endpoint: 'http://profile-metadata.test' } },
    });
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKprofile' });
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((url) => url.includes('http://profile-metadata.test/'))).toBe(true);
  });
  it('gives the OIDC step from the environment its fetch, under the name of that step', async () => {
    isolate();
    const tokenFile = join(dir, 'oidc-token');
    await writeFile(tokenFile, 'jwt-for-the-chain');
    vi.stubEnv('VOLCENGINE_OIDC_ROLE_TRN', 'trn:iam::1:role/app');
    vi.stubEnv('VOLCENGINE_OIDC_TOKEN_FILE', tokenFile);
    vi.stubEnv('VOLCENGINE_OIDC_STS_ENDPOINT', 'http://sts.test');
    const urls: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      urls.push(input instanceof Request ? input.url : String(input));
      // An STS error answer: the chain then reports the step by name, with STS's words.
      return new Response(
        JSON.stringify({
          ResponseMetadata: {
            RequestId: 'req-oidc',
            Action: 'AssumeRoleWithOIDC',
            Version: '2018-01-01',
            Service: 'sts',
            Region: 'cn-beijing',
            Error: { Code: 'InvalidIdentityToken', Message: 'the token was refused' },
          },
        }),
        { status: 400, headers: { 'content-type': 'application/json' } },
      );
    }) as typeof globalThis.fetch;
    const chain = defaultCredentialChain({ fetch, configFile: { path: join(dir, 'absent.json') } });
    const error = await chain().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((url) => url.startsWith('http://sts.test'))).toBe(true);
    expect((error as VolcCredentialsError).tried.map((t) => t.source)).toContain('OIDC from environment');
  });
});
