/**
 * Every credential source against local servers: volc-mock's STS (AssumeRole, AssumeRoleWithOIDC),
 * its instance-metadata stand-in and its SSO stand-in, all on 127.0.0.1. Expiry and refresh, concurrent
 * callers, a rotated token file, a malformed cache, a missing role, the chain's order and its error text.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chainCredentials,
  defaultCredentialChain,
  fromConfigFile,
  fromInstanceMetadata,
  fromOIDC,
  fromOidcEnv,
  fromOidcTokenFile,
  fromStatic,
  serializeJson,
  VolcClient,
  VolcCredentialsError,
  type Credentials,
} from '@volc-ts/core';
import * as providers from '@volc-ts/credential-providers';
import {
  MOCK_CREDENTIALS,
  startMetadataServer,
  startMockServer,
  startSsoServer,
  type MetadataServer,
  type MockServer,
} from '@volc-ts/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const ROLE = 'trn:iam::2100000000:role/PodRole';
let dir: string;
let mock: MockServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'volc-cred-sources-'));
  // Fresh, short-lived keys from STS: each AssumeRole* call gets a new pair valid for 10 minutes.
  mock = await startMockServer({ issuedCredentialsTtl: 600 });
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => mock.reset());
afterEach(() => vi.unstubAllEnvs());

async function rejection(promise: Promise<unknown>): Promise<VolcCredentialsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VolcCredentialsError);
  return error as VolcCredentialsError;
}

async function writeJson(name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** Proves that `credentials` work: the mock verifies a call signed with them. */
async function signedCallWorks(credentials: Credentials): Promise<void> {
  const client = new VolcClient(
    { service: 'redis', global: false },
    { endpoint: mock.url, credentials, region: 'cn-beijing' },
  );
  const result = await client.send(
    { action: 'DescribeRegions', version: '2020-12-07', method: 'POST', protocol: 'json', serialize: serializeJson },
    {},
  );
  expect(result.$metadata.RequestId).toBeTruthy();
}

describe('volc-mock issued credentials', () => {
  it('are accepted until they expire, then refused with InvalidAccessKey', async () => {
    const issued = mock.issueCredentials(60);
    const credentials = {
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      sessionToken: issued.SessionToken,
    };
    await signedCallWorks(credentials);
    mock.setClockOffset(61_000 + 1_000); // the server clock passes the expiry (X-Date skew stays within 15 minutes)
    const client = new VolcClient(
      { service: 'redis', global: false },
      { endpoint: mock.url, credentials, maxAttempts: 1 },
    );
    await expect(
      client.send(
        {
          action: 'DescribeRegions',
          version: '2020-12-07',
          method: 'POST',
          protocol: 'json',
          serialize: serializeJson,
        },
        {},
      ),
    ).rejects.toMatchObject({ code: 'InvalidAccessKey' });
  });
});

describe('OIDC (AssumeRoleWithOIDC)', () => {
  it('exchanges the token file for credentials without a signature, and re-reads the rotated file at refresh', async () => {
    const tokenFile = await writeJson('oidc/token', '  token-one\n');
    // 10-minute credentials with a 10-minute refresh margin: stale at once, so every later call refreshes.
    const provider = fromOIDC({ roleTrn: ROLE, tokenFile, endpoint: mock.url, refreshBefore: 600_000 });
    const first = await provider();
    await signedCallWorks(first);
    const [sent] = mock.requestsFor('AssumeRoleWithOIDC');
    expect(sent!.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(sent!.body).get('OIDCToken')).toBe('token-one');
    expect(new URLSearchParams(sent!.body).get('RoleTrn')).toBe(ROLE);

    await writeFile(tokenFile, 'token-two'); // Kubernetes rotated the token
    const [a, b, c] = await Promise.all([provider(), provider(), provider()]);
    expect(new Set([a!.accessKeyId, b!.accessKeyId, c!.accessKeyId]).size).toBe(1);
    expect(a!.accessKeyId).not.toBe(first.accessKeyId);
    const calls = mock.requestsFor('AssumeRoleWithOIDC');
    expect(calls).toHaveLength(2); // one refresh for three concurrent callers
    expect(new URLSearchParams(calls[1]!.body).get('OIDCToken')).toBe('token-two');
  });

  it('reads the Kubernetes variables, and names them when they are missing', async () => {
    const error = await rejection(fromOIDC()());
    expect(error.tried).toEqual([
      {
        source: 'OIDC from environment',
        reason: 'VOLCENGINE_OIDC_ROLE_TRN and VOLCENGINE_OIDC_TOKEN_FILE are not set',
      },
    ]);

    vi.stubEnv('VOLCENGINE_OIDC_ROLE_TRN', ROLE);
    vi.stubEnv('VOLCENGINE_OIDC_TOKEN_FILE', await writeJson('oidc/env-token', 'env-token'));
    vi.stubEnv('VOLCENGINE_OIDC_ROLE_SESSION_NAME', 'pod-session');
    vi.stubEnv('VOLCENGINE_OIDC_STS_ENDPOINT', mock.url);
    await signedCallWorks(await fromOIDC()());
    expect(new URLSearchParams(mock.requestsFor('AssumeRoleWithOIDC')[0]!.body).get('RoleSessionName')).toBe(
      'pod-session',
    );
  });

  it('fails with the file name, never the token, when the file is missing or empty', async () => {
    const missing = await rejection(fromOIDC({ roleTrn: ROLE, tokenFile: join(dir, 'none'), endpoint: mock.url })());
    expect(missing.message).toContain(`token file ${join(dir, 'none')} does not exist`);
    const empty = await rejection(
      fromOIDC({ roleTrn: ROLE, tokenFile: await writeJson('oidc/empty', ' \n'), endpoint: mock.url })(),
    );
    expect(empty.message).toContain('is empty');
    expect(mock.requestsFor('AssumeRoleWithOIDC')).toHaveLength(0);
  });

  it('reports an STS refusal with its code and request id, not the token', async () => {
    mock.failNext('AssumeRoleWithOIDC', { code: 'AccessDenied', status: 403 });
    const tokenFile = await writeJson('oidc/secret-token', 'very-secret-jwt');
    const error = await rejection(fromOIDC({ roleTrn: ROLE, tokenFile, endpoint: mock.url })());
    expect(error.message).toMatch(
      /OIDC trn:iam::2100000000:role\/PodRole: STS AssumeRoleWithOIDC answered AccessDenied \(RequestId \w+\)/,
    );
    expect(error.message).not.toContain('very-secret-jwt');
  });

  it('the deprecated names are the same provider: fromOidcTokenFile, fromOidcEnv, and the re-export with stsConfig', async () => {
    const tokenFile = await writeJson('oidc/aliases', 'alias-one');
    await signedCallWorks(await fromOidcTokenFile({ roleTrn: ROLE, tokenFile, endpoint: mock.url })());
    const viaPackage = providers.fromOIDC({ roleTrn: ROLE, tokenFile, stsConfig: { endpoint: mock.url } });
    await signedCallWorks(await viaPackage());
    vi.stubEnv('VOLCENGINE_OIDC_ROLE_TRN', ROLE);
    vi.stubEnv('VOLCENGINE_OIDC_TOKEN_FILE', tokenFile);
    vi.stubEnv('VOLCENGINE_OIDC_STS_ENDPOINT', mock.url);
    await signedCallWorks(await fromOidcEnv()());
    const calls = mock.requestsFor('AssumeRoleWithOIDC');
    expect(calls.map((c) => new URLSearchParams(c.body).get('OIDCToken'))).toEqual([
      'alias-one',
      'alias-one',
      'alias-one',
    ]);
    expect(calls.every((c) => c.headers.authorization === undefined)).toBe(true);
    // One OIDC provider: the package re-exports core's, and its deprecated names are core's too.
    expect(providers.fromOidcTokenFile).toBe(fromOidcTokenFile);
    expect(providers.fromOidcEnv).toBe(fromOidcEnv);
  });

  it('names what is missing when only one of role and token file is given', async () => {
    const error = await rejection(fromOIDC({ roleTrn: ROLE })());
    expect(error.tried).toEqual([
      { source: `OIDC ${ROLE}`, reason: 'no tokenFile given and VOLCENGINE_OIDC_TOKEN_FILE is not set' },
    ]);
  });
});

describe('ECS instance role (instance metadata)', () => {
  let imds: MetadataServer;
  beforeAll(async () => {
    imds = await startMetadataServer({ issue: () => mock.issueCredentials(600), roles: ['EcsRole'] });
  });
  afterAll(() => imds.close());
  beforeEach(() => imds.setRoles(['EcsRole']));

  it('takes a session token, discovers the role and fetches its credentials', async () => {
    const credentials = await fromInstanceMetadata({ endpoint: imds.url })();
    await signedCallWorks(credentials);
    const steps = imds.requests.slice(-3);
    expect(steps.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /latest/api/token',
      'GET /volcstack/latest/iam/security_credentials?type=user',
      'POST /volcstack/latest/iam/security_credentials/EcsRole',
    ]);
    expect(steps[0]!.headers['x-volc-ecs-metadata-token-ttl-seconds']).toBe('21600');
    expect(steps[2]!.headers['x-volc-ecs-metadata-token']).toBe(steps[1]!.headers['x-volc-ecs-metadata-token']);
    expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now());
  });

  it('uses the endpoint from VOLCENGINE_ECS_METADATA_ENDPOINT and the role from VOLCENGINE_ECS_METADATA', async () => {
    vi.stubEnv('VOLCENGINE_ECS_METADATA_ENDPOINT', imds.url);
    vi.stubEnv('VOLCENGINE_ECS_METADATA', 'EcsRole');
    const before = imds.requests.length;
    await fromInstanceMetadata()();
    expect(imds.requests.slice(before).map((r) => r.path)).toEqual([
      '/latest/api/token',
      '/volcstack/latest/iam/security_credentials/EcsRole',
    ]);
  });

  it('refreshes before expiry, once for concurrent callers', async () => {
    const provider = fromInstanceMetadata({ endpoint: imds.url, roleName: 'EcsRole', refreshBefore: 600_000 });
    const first = await provider();
    const before = imds.requests.length;
    const results = await Promise.all([provider(), provider(), provider()]);
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
    expect(results[0]!.accessKeyId).not.toBe(first.accessKeyId);
    expect(imds.requests.length - before).toBe(2); // one token + one credentials request
  });

  it('names a missing role and an instance without a role', async () => {
    const missing = await rejection(fromInstanceMetadata({ endpoint: imds.url, roleName: 'Gone' })());
    expect(missing.message).toContain('ECS instance role: role "Gone" is not attached to this instance (HTTP 404)');
    imds.setRoles([]);
    const none = await rejection(fromInstanceMetadata({ endpoint: imds.url })());
    expect(none.message).toContain('no role is attached to this instance');
  });

  it('retries a failing metadata service', async () => {
    imds.failNext(500, 2);
    await signedCallWorks(await fromInstanceMetadata({ endpoint: imds.url, roleName: 'EcsRole' })());
  });

  it('off ECS (nothing answers) gives up after one short timeout and remembers it', async () => {
    // A loopback server that accepts connections and answers only after 1.8 s, like a black-holed address
    // that comes back late. The issue's bound is about a second: the provider must give up before this
    // answer (a 404, which would fail with another message). Both timers are in this process, the
    // provider's set first and due first, so the order does not depend on the machine's load.
    let requests = 0;
    const silent: Server = createServer((_request, response) => {
      requests++;
      const timer = setTimeout(() => response.writeHead(404).end(), 1_800);
      response.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const provider = fromInstanceMetadata({ endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
      const error = await rejection(provider());
      expect(error.message).toContain('not an ECS instance?');
      expect(requests).toBe(1);
      // Remembered: the second call asks nothing.
      expect((await rejection(provider())).message).toContain('not an ECS instance?');
      expect(requests).toBe(1);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('CLI config file, every mode', () => {
  let imds: MetadataServer;
  beforeAll(async () => {
    imds = await startMetadataServer({ issue: () => mock.issueCredentials(600), roles: ['EcsRole'] });
  });
  afterAll(() => imds.close());

  const KEYS = { 'access-key': MOCK_CREDENTIALS.accessKeyId, 'secret-key': MOCK_CREDENTIALS.secretAccessKey };

  it('ak with surrounding whitespace, StsToken, and sts-expiration in s, ms, us and ns', async () => {
    const expires = Date.UTC(2099, 0, 1);
    const path = await writeJson('modes/sts.json', {
      current: 'plain',
      profiles: {
        plain: { mode: 'AK', 'access-key': `  ${KEYS['access-key']} `, 'secret-key': `${KEYS['secret-key']}\n` },
        s: { mode: 'StsToken', ...KEYS, 'session-token': 't', 'sts-expiration': expires / 1000 },
        ms: { mode: 'ststoken', ...KEYS, 'session-token': 't', 'sts-expiration': expires },
        us: { mode: 'StsToken', ...KEYS, 'session-token': 't', 'sts-expiration': expires * 1000 },
        ns: { mode: 'StsToken', ...KEYS, 'session-token': 't', 'sts-expiration': expires * 1e6 },
        notoken: { mode: 'StsToken', ...KEYS },
      },
    });
    await expect(fromConfigFile({ path })()).resolves.toEqual(MOCK_CREDENTIALS);
    for (const profile of ['s', 'ms', 'us', 'ns']) {
      expect((await fromConfigFile({ path, profile })()).expiration?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
    }
    const error = await rejection(fromConfigFile({ path, profile: 'notoken' })());
    expect(error.message).toContain('has no session-token');
  });

  it('reads the file named by VOLCENGINE_CLI_CONFIG_FILE', async () => {
    const path = await writeJson('modes/env-named.json', { profiles: { default: { mode: 'ak', ...KEYS } } });
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    await expect(fromConfigFile()()).resolves.toEqual(MOCK_CREDENTIALS);
  });

  it('RamRoleArn assumes trn:iam::<account-id>:role/<role-name> with the profile keys', async () => {
    const path = await writeJson('modes/ram.json', {
      profiles: {
        default: {
          mode: 'RamRoleArn',
          ...KEYS,
          'account-id': '2100000000',
          'role-name': 'Ops',
          policy: '{"Statement":[]}',
        },
      },
    });
    const credentials = await fromConfigFile({ path, stsEndpoint: mock.url })();
    await signedCallWorks(credentials);
    const [call] = mock.requestsFor('AssumeRole');
    expect(new URLSearchParams(call!.body).get('RoleTrn')).toBe('trn:iam::2100000000:role/Ops');
    expect(new URLSearchParams(call!.body).get('Policy')).toBe('{"Statement":[]}');
    expect(call!.accessKeyId).toBe(MOCK_CREDENTIALS.accessKeyId);
  });

  it('legacy assume-role: signed with the source-profile keys; a source that assumes a role itself is refused', async () => {
    const path = await writeJson('modes/legacy.json', {
      profiles: {
        ops: {
          mode: 'assume-role',
          'role-trn': 'trn:iam::2100000000:role/Ops',
          'source-profile': 'base',
          'role-session-name': 'ops-session',
          'duration-seconds': 900,
        },
        base: { mode: 'ak', ...KEYS },
        loop: { mode: 'assume-role', 'role-trn': 'trn:iam::2100000000:role/Ops', 'source-profile': 'ops' },
      },
    });
    await signedCallWorks(await fromConfigFile({ path, profile: 'ops', stsEndpoint: mock.url })());
    const [call] = mock.requestsFor('AssumeRole');
    const form = new URLSearchParams(call!.body);
    expect([form.get('RoleTrn'), form.get('RoleSessionName'), form.get('DurationSeconds')]).toEqual([
      'trn:iam::2100000000:role/Ops',
      'ops-session',
      '900',
    ]);
    expect(call!.accessKeyId).toBe(MOCK_CREDENTIALS.accessKeyId);
    const error = await rejection(fromConfigFile({ path, profile: 'loop', stsEndpoint: mock.url })());
    expect(error.message).toContain('is an assume-role profile itself');
    expect(mock.requestsFor('AssumeRole')).toHaveLength(1);
  });

  it('RamRoleArn: concurrent first callers share one STS call', async () => {
    const path = await writeJson('modes/ram-concurrent.json', {
      profiles: { default: { mode: 'ramrolearn', ...KEYS, 'role-trn': 'trn:iam::2100000000:role/Ops' } },
    });
    const provider = fromConfigFile({ path, stsEndpoint: mock.url });
    const results = await Promise.all([provider(), provider(), provider()]);
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
    expect(mock.requestsFor('AssumeRole')).toHaveLength(1);
  });

  it('OIDC reads role-trn and oidc-token-file', async () => {
    const tokenFile = await writeJson('modes/oidc-token', 'profile-token');
    const path = await writeJson('modes/oidc.json', {
      profiles: { default: { mode: 'OIDC', 'role-trn': ROLE, 'oidc-token-file': tokenFile } },
    });
    await signedCallWorks(await fromConfigFile({ path, stsEndpoint: mock.url })());
    expect(new URLSearchParams(mock.requestsFor('AssumeRoleWithOIDC')[0]!.body).get('OIDCToken')).toBe('profile-token');
  });

  it('EcsRole asks the metadata service for the profile role-name', async () => {
    const path = await writeJson('modes/ecs.json', {
      profiles: { default: { mode: 'EcsRole', 'role-name': 'EcsRole' } },
    });
    const before = imds.requests.length;
    await signedCallWorks(await fromConfigFile({ path, instanceMetadata: { endpoint: imds.url } })());
    expect(imds.requests.slice(before).map((r) => r.path)).toContain(
      '/volcstack/latest/iam/security_credentials/EcsRole',
    );
    const wrong = await writeJson('modes/ecs-wrong.json', {
      profiles: { default: { mode: 'EcsRole', 'role-name': 'Nope' } },
    });
    const error = await rejection(fromConfigFile({ path: wrong, instanceMetadata: { endpoint: imds.url } })());
    expect(error.message).toContain(`profile "default" (EcsRole) in ${wrong}: role "Nope" is not attached`);
  });

  it('an unknown mode is named', async () => {
    const path = await writeJson('modes/odd.json', { profiles: { default: { mode: 'magic', ...KEYS } } });
    const error = await rejection(fromConfigFile({ path })());
    expect(error.message).toContain('mode "magic" is not one of ak, StsToken, RamRoleArn, OIDC, EcsRole, sso');
    expect(error.message).not.toContain(MOCK_CREDENTIALS.secretAccessKey);
  });
});

describe('CLI config file, sso mode', () => {
  const START_URL = 'https://example.volccloudidentity.com/portal';
  const SESSION = 'corp';
  let sso: Awaited<ReturnType<typeof startSsoServer>>;
  beforeAll(async () => {
    sso = await startSsoServer({
      issue: () => mock.issueCredentials(600),
      clientId: 'cid',
      clientSecret: 'csecret',
      refreshToken: 'refresh-1',
      accessTokens: ['access-ok'],
    });
  });
  afterAll(() => sso.close());

  /** A config dir with an sso profile and (unless `cache` is undefined) the token cache `sso login` writes. */
  async function ssoSetup(
    name: string,
    profile: Record<string, unknown>,
    cache: unknown,
  ): Promise<{ path: string; cachePath: string }> {
    const path = await writeJson(`${name}/config.json`, {
      current: 'dev',
      profiles: {
        dev: { mode: 'sso', 'sso-session-name': SESSION, 'account-id': '2100000000', 'role-name': 'Dev', ...profile },
      },
      'sso-session': { [SESSION]: { name: SESSION, 'start-url': START_URL, region: 'cn-beijing' } },
    });
    const hash = createHash('sha1')
      .update(JSON.stringify({ start_url: START_URL, session_name: SESSION }))
      .digest('hex');
    const cachePath = join(dir, name, 'sso', 'cache', `${hash}.json`);
    if (cache !== undefined) await writeJson(`${name}/sso/cache/${hash}.json`, cache);
    return { path, cachePath };
  }
  const ssoOptions = () => ({ sso: { oauthEndpoint: sso.url, portalEndpoint: sso.url } });

  it('uses the keys cached in the profile while sts-expiration is ahead', async () => {
    const { path } = await ssoSetup(
      'sso-cached',
      {
        ...{ 'access-key': 'AKTPcached', 'secret-key': 's', 'session-token': 't' },
        'sts-expiration': Math.floor(Date.now() / 1000) + 3600,
      },
      undefined,
    );
    const before = sso.requests.length;
    await expect(fromConfigFile({ path, ...ssoOptions() })()).resolves.toMatchObject({
      accessKeyId: 'AKTPcached',
      sessionToken: 't',
    });
    expect(sso.requests.length).toBe(before);
  });

  it('fetches role credentials from the portal with a valid access token', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const { path } = await ssoSetup(
      'sso-portal',
      { 'access-key': 'AKold', 'secret-key': 's', 'session-token': 't', 'sts-expiration': 1000 },
      { start_url: START_URL, session_name: SESSION, access_token: 'access-ok', expires_at: expiresAt },
    );
    await signedCallWorks(await fromConfigFile({ path, ...ssoOptions() })());
    const last = sso.requests.at(-1)!;
    expect(last.path).toBe('/federation/credentials?account_id=2100000000&role_name=Dev');
    expect(last.headers['x-bd-cloudidentity-bearer-token']).toBe('access-ok');
  });

  it('refreshes an expired access token and writes the cache back', async () => {
    const expired = {
      start_url: START_URL,
      session_name: SESSION,
      access_token: 'access-old',
      expires_at: '2020-01-01T00:00:00Z',
      client_id: 'cid',
      client_secret: 'csecret',
      refresh_token: 'refresh-1',
    };
    const { path, cachePath } = await ssoSetup('sso-refresh', {}, expired);
    await signedCallWorks(await fromConfigFile({ path, ...ssoOptions() })());
    const [refresh] = sso.requests.filter((r) => r.path === '/token');
    expect(JSON.parse(refresh!.body)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'csecret',
      refresh_token: 'refresh-1',
    });
    const written = JSON.parse(await readFile(cachePath, 'utf8')) as Record<string, string>;
    expect(written.access_token).toMatch(/^mock-access-/);
    expect(written.refresh_token).toMatch(/^mock-refresh-/);
    expect(new Date(written.expires_at!).getTime()).toBeGreaterThan(Date.now());
    expect(written.client_secret).toBe('csecret'); // the rest of the cache is kept
  });

  it('tells the user to log in when the cache is missing, malformed, or cannot be refreshed', async () => {
    const missing = await ssoSetup('sso-missing', {}, undefined);
    const a = await rejection(fromConfigFile({ path: missing.path, ...ssoOptions() })());
    expect(a.message).toContain('no SSO token cache');
    expect(a.message).toContain('run `volcengine-cli sso login --profile dev`');

    const broken = await ssoSetup('sso-broken', {}, '{"access_token": ');
    const b = await rejection(fromConfigFile({ path: broken.path, ...ssoOptions() })());
    expect(b.message).toContain('the SSO token cache is malformed');
    expect(b.message).toContain('volcengine-cli sso login');

    const stale = await ssoSetup('sso-stale', {}, { access_token: 'access-old', expires_at: '2020-01-01T00:00:00Z' });
    const c = await rejection(fromConfigFile({ path: stale.path, ...ssoOptions() })());
    expect(c.message).toContain('expired and cannot be refreshed');
    expect(c.message).not.toContain('access-old');
  });
});

describe('the default chain', () => {
  it('runs in order, says why each source failed, and shows no secret', async () => {
    vi.stubEnv('VOLCENGINE_ACCESS_KEY', 'AKonly');
    const path = await writeJson('chain/bad.json', {
      profiles: { default: { mode: 'ak', 'access-key': 'AK', 'secret-key': '' } },
    });
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    vi.stubEnv('VOLCENGINE_OIDC_ROLE_TRN', ROLE);
    const error = await rejection(defaultCredentialChain()());
    expect(error.message).toBe(
      'No Volcengine credentials found (tried ' +
        'environment: VOLCENGINE_ACCESS_KEY is set but VOLCENGINE_SECRET_KEY is not; ' +
        'OIDC from environment: VOLCENGINE_OIDC_ROLE_TRN is set but VOLCENGINE_OIDC_TOKEN_FILE is not; ' +
        `profile "default" (ak) in ${path}: has no secret-key; ` +
        'ECS instance role: skipped (VOLCENGINE_ECS_METADATA_DISABLED=true))',
    );
  });

  it('remembers the provider that worked and walks the chain again when it fails', async () => {
    const calls: string[] = [];
    let firstWorks = false;
    const chain = chainCredentials(
      async () => {
        calls.push('a');
        if (!firstWorks) throw new VolcCredentialsError([{ source: 'a', reason: 'not yet' }]);
        return MOCK_CREDENTIALS;
      },
      async () => {
        calls.push('b');
        return fromStatic(MOCK_CREDENTIALS)();
      },
    );
    await chain();
    await chain();
    expect(calls).toEqual(['a', 'b', 'b']);
    firstWorks = true;
    await chain();
    expect(calls).toEqual(['a', 'b', 'b', 'b']);
  });

  it('guard: under the test settings it never reaches the metadata address 100.96.0.96', async () => {
    expect(process.env.VOLCENGINE_ECS_METADATA_DISABLED).toBe('true');
    const seen: string[] = [];
    const recordingFetch = (async (input: RequestInfo | URL) => {
      seen.push(String(input instanceof Request ? input.url : input));
      throw new TypeError('no network in tests');
    }) as typeof fetch;
    const realFetch = globalThis.fetch;
    globalThis.fetch = recordingFetch;
    try {
      const error = await rejection(defaultCredentialChain({ fetch: recordingFetch })());
      expect(error.tried.at(-1)).toEqual({
        source: 'ECS instance role',
        reason: 'skipped (VOLCENGINE_ECS_METADATA_DISABLED=true)',
      });
      // A client made without credentials resolves through the same chain.
      const client = new VolcClient(
        { service: 'redis', global: false },
        { endpoint: mock.url, fetch: recordingFetch, maxAttempts: 1 },
      );
      await expect(
        client.send(
          {
            action: 'DescribeRegions',
            version: '2020-12-07',
            method: 'POST',
            protocol: 'json',
            serialize: serializeJson,
          },
          {},
        ),
      ).rejects.toBeInstanceOf(VolcCredentialsError);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(seen.filter((url) => url.includes('100.96.0.96'))).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('profile settings applied to clients', () => {
  it('region, endpoint, use-dual-stack and disable-ssl fill what the options leave out', async () => {
    const path = await writeJson('settings/config.json', {
      current: 'a',
      profiles: {
        a: { mode: 'ak', 'access-key': 'AK', 'secret-key': 'SK', region: 'cn-shanghai', 'use-dual-stack': true },
        b: { mode: 'ak', region: 'cn-guangzhou', endpoint: 'redis.example.internal:8443', 'disable-ssl': true },
        c: { mode: 'ak', 'disable-ssl': true },
      },
    });
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    vi.stubEnv('VOLCENGINE_REGION', '');
    const service = { service: 'redis', global: false };
    expect(new VolcClient(service).config).toMatchObject({
      region: 'cn-shanghai',
      endpoint: 'https://redis.cn-shanghai.volcengine-api.com',
    });
    expect(new VolcClient(service, { region: 'cn-beijing', useDualStack: false }).config.endpoint).toBe(
      'https://redis.cn-beijing.volcengineapi.com',
    );
    vi.stubEnv('VOLCENGINE_PROFILE', 'b');
    expect(new VolcClient(service).config).toMatchObject({
      region: 'cn-guangzhou',
      endpoint: 'http://redis.example.internal:8443',
    });
    expect(new VolcClient(service, { endpoint: 'https://x.example' }).config.endpoint).toBe('https://x.example');
    vi.stubEnv('VOLCENGINE_PROFILE', 'c');
    expect(new VolcClient(service, { region: 'cn-beijing' }).config.endpoint).toBe(
      'http://redis.cn-beijing.volcengineapi.com',
    );
    vi.stubEnv('VOLCENGINE_REGION', 'ap-southeast-1');
    vi.stubEnv('VOLCENGINE_PROFILE', 'a');
    expect(new VolcClient(service).config.region).toBe('ap-southeast-1'); // the environment beats the profile
  });
});
