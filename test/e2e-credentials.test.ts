/**
 * End to end: a RedisClient made with no credential options finds its credentials in each source of
 * the default chain in turn (environment, OIDC from the environment, a CLI profile of each mode, the ECS
 * instance role) and makes a signed call that volc-mock accepts. Every server is on 127.0.0.1; the
 * variables that point the chain at them are the documented ones.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MOCK_CREDENTIALS,
  startMetadataServer,
  startMockServer,
  startSsoServer,
  type MetadataServer,
  type MockServer,
  type SsoServer,
} from '@volc-ts/mock';
import { RedisClient } from '@volc-ts/redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

let dir: string;
let mock: MockServer;
let imds: MetadataServer;
let sso: SsoServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'volc-e2e-creds-'));
  mock = await startMockServer({ issuedCredentialsTtl: 3600 });
  imds = await startMetadataServer({ issue: () => mock.issueCredentials(), roles: ['WebRole'] });
  sso = await startSsoServer({ issue: () => mock.issueCredentials(), accessTokens: ['e2e-access'] });
});
afterAll(async () => {
  await Promise.all([mock.close(), imds.close(), sso.close()]);
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  mock.reset();
  // Nothing from the developer's machine: each case sets only its own source.
  for (const name of [
    'VOLCENGINE_ACCESS_KEY',
    'VOLCENGINE_SECRET_KEY',
    'VOLCENGINE_SESSION_TOKEN',
    'VOLCSTACK_ACCESS_KEY_ID',
    'VOLCSTACK_SECRET_ACCESS_KEY',
    'VOLCSTACK_ACCESS_KEY',
    'VOLCSTACK_SECRET_KEY',
    'VOLCENGINE_PROFILE',
  ]) {
    vi.stubEnv(name, '');
  }
  vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', join(dir, 'no-config.json'));
});
afterEach(() => vi.unstubAllEnvs());

async function file(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The call every case makes; returns the access key the mock verified. */
async function callWithDefaultChain(): Promise<string> {
  const client = new RedisClient({ endpoint: mock.url }); // no credentials option
  const result = await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
  expect(result.$metadata.RequestId).toBeTruthy();
  const [call] = mock.requestsFor('DescribeCrossRegionBackups');
  expect(call!.status).toBe(200);
  return call!.accessKeyId!;
}

const KEYS = { 'access-key': MOCK_CREDENTIALS.accessKeyId, 'secret-key': MOCK_CREDENTIALS.secretAccessKey };
const ROLE = 'trn:iam::2100000000:role/Web';

describe('a client without credential options', () => {
  it('1. environment variables', async () => {
    vi.stubEnv('VOLCENGINE_ACCESS_KEY', MOCK_CREDENTIALS.accessKeyId);
    vi.stubEnv('VOLCENGINE_SECRET_KEY', MOCK_CREDENTIALS.secretAccessKey);
    expect(await callWithDefaultChain()).toBe(MOCK_CREDENTIALS.accessKeyId);
  });

  it('2. OIDC from the environment (VKE pod)', async () => {
    vi.stubEnv('VOLCENGINE_OIDC_ROLE_TRN', ROLE);
    vi.stubEnv('VOLCENGINE_OIDC_TOKEN_FILE', await file('pod/token', 'pod-jwt'));
    vi.stubEnv('VOLCENGINE_OIDC_STS_ENDPOINT', mock.url);
    const key = await callWithDefaultChain();
    expect(key).toMatch(/^AKTPmock/);
    expect(mock.requestsFor('AssumeRoleWithOIDC')).toHaveLength(1);
  });

  describe('3. the CLI config file', () => {
    const cases: [string, () => Promise<Record<string, unknown>>, (key: string) => void][] = [
      ['ak', async () => ({ mode: 'ak', ...KEYS }), (key) => expect(key).toBe(MOCK_CREDENTIALS.accessKeyId)],
      [
        'StsToken',
        async () => {
          const issued = mock.issueCredentials();
          return {
            mode: 'StsToken',
            'access-key': issued.AccessKeyId,
            'secret-key': issued.SecretAccessKey,
            'session-token': issued.SessionToken,
            'sts-expiration': Math.floor(Date.parse(issued.ExpiredTime) / 1000),
          };
        },
        (key) => expect(key).toMatch(/^AKTPmock/),
      ],
      [
        'RamRoleArn',
        async () => ({ mode: 'RamRoleArn', ...KEYS, 'account-id': '2100000000', 'role-name': 'Web' }),
        (key) => {
          expect(key).toMatch(/^AKTPmock/);
          expect(mock.requestsFor('AssumeRole')).toHaveLength(1);
        },
      ],
      [
        'OIDC',
        async () => ({ mode: 'OIDC', 'role-trn': ROLE, 'oidc-token-file': await file('profile/token', 'profile-jwt') }),
        (key) => {
          expect(key).toMatch(/^AKTPmock/);
          expect(mock.requestsFor('AssumeRoleWithOIDC')).toHaveLength(1);
        },
      ],
      ['EcsRole', async () => ({ mode: 'EcsRole', 'role-name': 'WebRole' }), (key) => expect(key).toMatch(/^AKTPmock/)],
      [
        'sso',
        async () => {
          const startUrl = 'https://e2e.example/start';
          const hash = createHash('sha1')
            .update(JSON.stringify({ start_url: startUrl, session_name: 'e2e' }))
            .digest('hex');
          await file(`sso/cache/${hash}.json`, {
            start_url: startUrl,
            session_name: 'e2e',
            access_token: 'e2e-access',
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          });
          return {
            mode: 'sso',
            'sso-session-name': 'e2e',
            'account-id': '2100000000',
            'role-name': 'Dev',
            __ssoSession: { e2e: { name: 'e2e', 'start-url': startUrl, region: 'cn-beijing' } },
          };
        },
        (key) => expect(key).toMatch(/^AKTPmock/),
      ],
    ];

    it.each(cases)('profile in mode %s', async (mode, makeProfile, check) => {
      const { __ssoSession, ...profile } = await makeProfile();
      const path = await file('config.json', {
        current: 'p',
        profiles: { p: profile },
        ...(__ssoSession ? { 'sso-session': __ssoSession } : {}),
      });
      vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
      vi.stubEnv('VOLCENGINE_STS_ENDPOINT', mock.url);
      vi.stubEnv('VOLCENGINE_ECS_METADATA_ENDPOINT', imds.url);
      vi.stubEnv('VOLCENGINE_SSO_OAUTH_ENDPOINT', sso.url);
      vi.stubEnv('VOLCENGINE_SSO_PORTAL_ENDPOINT', sso.url);
      check(await callWithDefaultChain());
      expect(mode).toBeTruthy();
    });
  });

  it('4. the ECS instance role, when metadata is enabled and pointed at loopback', async () => {
    vi.stubEnv('VOLCENGINE_ECS_METADATA_DISABLED', 'false');
    vi.stubEnv('VOLCENGINE_ECS_METADATA_ENDPOINT', imds.url);
    const before = imds.requests.length;
    expect(await callWithDefaultChain()).toMatch(/^AKTPmock/);
    expect(imds.requests.slice(before).map((r) => r.path)).toEqual([
      '/latest/api/token',
      '/volcstack/latest/iam/security_credentials?type=user',
      '/volcstack/latest/iam/security_credentials/WebRole',
    ]);
  });
});
