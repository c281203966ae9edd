/**
 * Credentials over time: credentials already expired when a source hands them out, expiry times no date
 * can hold, a source that keeps failing (it must not be asked again on every call), and credentials the
 * service rejects (dropped from every cache and fetched again once). Time is a fake clock (only `Date` is
 * faked, so loopback HTTP runs as usual); nothing depends on how fast this machine is.
 */
import type { ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ssoProfileCredentials } from '../src/credentials/sso.js';
import {
  cachedCredentials,
  fromInstanceMetadata,
  fromOIDC,
  VolcClient,
  VolcCredentialsError,
  VolcServiceError,
  type Credentials,
  type CredentialsProvider,
} from '../src/index.js';
import { describeThings } from './helpers/operations.js';
import { SecretWatch } from './helpers/secrets.js';
import { sendEnvelope, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';

const watch = new SecretWatch();
let dir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'volc-core-expiry-'));
});
afterEach(async () => {
  vi.useRealTimers();
  for (const server of servers.splice(0)) await server.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  watch.assertClean();
});

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function serve(handler: (request: RecordedRequest, response: ServerResponse, index: number) => void) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

let issued = 0;
/** A metadata stand-in whose credentials carry `expiry()` as ExpiredTime; `fail` answers 500 to everything. */
async function metadataServer(options: { expiry?: () => unknown; fail?: () => boolean } = {}) {
  return serve((request, response) => {
    if (options.fail?.()) return json(response, 500, 'metadata service down');
    if (request.path === '/latest/api/token') return json(response, 200, 'imds-token');
    issued++;
    json(response, 200, {
      AccessKeyId: `AKTPimds${issued}`,
      SecretAccessKey: `imds-secret-${issued}`,
      SessionToken: `imds-session-${issued}`,
      ExpiredTime: options.expiry ? options.expiry() : new Date(Date.now() + 3_600_000).toISOString(),
    });
  });
}

describe('credentials already expired when fetched are refused, naming the source', () => {
  it('instance metadata', async () => {
    const imds = await metadataServer({ expiry: () => '2020-01-01T00:00:00Z' });
    const error = await watch.rejection(fromInstanceMetadata({ endpoint: imds.url, roleName: 'Role' })());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('ECS instance role:');
    expect(error.message).toContain('expired at 2020-01-01T00:00:00.000Z');
  });

  it('STS (AssumeRoleWithOIDC)', async () => {
    const tokenFile = join(dir, 'oidc-token');
    await writeFile(tokenFile, 'jwt-for-expiry-tests');
    const sts = await serve((request, response) =>
      sendEnvelope(response, request, {
        result: {
          Credentials: {
            AccessKeyId: 'AKTPsts',
            SecretAccessKey: 'sts-secret',
            SessionToken: 'sts-session',
            ExpiredTime: '2021-06-01T00:00:00Z',
          },
        },
      }),
    );
    const error = await watch.rejection(
      fromOIDC({ roleTrn: 'trn:iam::1:role/R', tokenFile, endpoint: sts.url, sourceName: 'OIDC test' })(),
    );
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('OIDC test:');
    expect(error.message).toContain('expired at 2021-06-01T00:00:00.000Z');
  });

  it('SSO portal', async () => {
    const portal = await serve((_request, response) =>
      json(response, 200, {
        Result: {
          RoleCredentials: {
            AccessKeyId: 'AKTPsso',
            SecretAccessKey: 'sso-secret',
            SessionToken: 'sso-session',
            Expiration: 1_600_000_000_000,
          },
        },
      }),
    );
    const startUrl = 'https://example.volccloudidentity.com/portal';
    const hash = createHash('sha1')
      .update(JSON.stringify({ start_url: startUrl, session_name: 'corp' }))
      .digest('hex');
    await mkdir(join(dir, 'sso', 'cache'), { recursive: true });
    await writeFile(
      join(dir, 'sso', 'cache', `${hash}.json`),
      JSON.stringify({ access_token: 'sso-access', expires_at: new Date(Date.now() + 3_600_000).toISOString() }),
    );
    const error = await watch.rejection(
      ssoProfileCredentials(
        { mode: 'sso', 'sso-session-name': 'corp', 'account-id': '2100000000', 'role-name': 'Dev' },
        'dev',
        { 'sso-session': { corp: { 'start-url': startUrl, region: 'cn-beijing' } } },
        join(dir, 'config.json'),
        'profile "dev" (sso)',
        { oauthEndpoint: portal.url, portalEndpoint: portal.url },
      ),
    );
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('profile "dev" (sso):');
    expect(error.message).toContain('expired at 2020-09-13T12:26:40.000Z');
  });
});

describe('expiry times no date can hold are refused', () => {
  for (const expiry of [1e300, 'not a date', -5, '99999-01-01T00:00:00Z']) {
    it(`ExpiredTime ${JSON.stringify(expiry)}`, async () => {
      const imds = await metadataServer({ expiry: () => expiry });
      const error = await watch.rejection(fromInstanceMetadata({ endpoint: imds.url, roleName: 'Role' })());
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect(error.message).toContain('ECS instance role:');
      expect(error.message).toContain('ExpiredTime');
    });
  }
});

describe('a failing refresh backs off', () => {
  it('10 calls to a failing metadata service make one refresh (3 requests), not 30', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
    const imds = await metadataServer({ fail: () => true });
    const provider = fromInstanceMetadata({ endpoint: imds.url, roleName: 'Role' });
    for (let i = 0; i < 10; i++) {
      const error = await watch.rejection(provider());
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect(error.message).toContain('ECS instance role:');
    }
    expect(imds.requests).toHaveLength(3); // the token request, tried 3 times
    const later = await watch.rejection(provider());
    expect(later.message).toContain('ECS instance role: metadata token request answered HTTP 500');
    expect(later.message).toMatch(/next try in \d+ ms/);

    vi.setSystemTime(Date.now() + 1_000); // the first window has passed: one more refresh
    await watch.rejection(provider());
    expect(imds.requests).toHaveLength(6);
    vi.setSystemTime(Date.now() + 1_000); // the window doubled after a second failure: not yet
    await watch.rejection(provider());
    expect(imds.requests).toHaveLength(6);
    vi.setSystemTime(Date.now() + 1_000);
    await watch.rejection(provider());
    expect(imds.requests).toHaveLength(9);
  });

  it('a success after the window ends the backoff', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
    let down = true;
    const imds = await metadataServer({ fail: () => down });
    const provider = fromInstanceMetadata({ endpoint: imds.url, roleName: 'Role' });
    await watch.rejection(provider());
    down = false;
    await watch.rejection(provider()); // still inside the window: not asked
    expect(imds.requests).toHaveLength(3);
    vi.setSystemTime(Date.now() + 1_000);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^AKTPimds/) });
  });

  it('a cache with backoff still serves credentials that are valid while a refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
    let calls = 0;
    const valid: Credentials = {
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      expiration: new Date(Date.now() + 60_000), // inside the refresh margin, still valid
    };
    const provider = cachedCredentials(
      async () => {
        calls++;
        if (calls === 1) return valid;
        throw new VolcCredentialsError([{ source: 'test', reason: 'down' }]);
      },
      { backoff: true },
    );
    await provider();
    for (let i = 0; i < 5; i++) await expect(provider()).resolves.toBe(valid);
    expect(calls).toBe(2);
  });
});

describe('credentials the service rejects are dropped and fetched once more', () => {
  function rejectingService(rejected: (request: RecordedRequest, index: number) => string | undefined) {
    return serve((request, response, index) => {
      const code = rejected(request, index);
      if (code) sendEnvelope(response, request, { status: 401, error: { Code: code, Message: 'rejected' } });
      else sendEnvelope(response, request, { result: { Total: 1 } });
    });
  }
  const keyOf = (request: RecordedRequest) => /Credential=([^/]+)\//.exec(String(request.headers.authorization))?.[1];
  const client = (server: TestServer, credentials: CredentialsProvider) =>
    new VolcClient(
      { service: 'redis', global: false },
      { endpoint: server.url, region: 'cn-beijing', useDualStack: false, credentials, maxAttempts: 1 },
    );

  for (const code of ['InvalidAccessKey', 'InvalidSecretToken', 'ExpiredToken']) {
    it(`${code}: a provider's cached credentials are replaced and the call succeeds`, async () => {
      let n = 0;
      const provider: CredentialsProvider = async () => {
        n++;
        return { accessKeyId: `AKrot${n}`, secretAccessKey: 'secret', expiration: new Date(Date.now() + 3_600_000) };
      };
      const service = await rejectingService((request) => (keyOf(request) === 'AKrot1' ? code : undefined));
      const result = await client(service, provider).send(describeThings, {});
      expect(result).toEqual({ Total: 1 });
      expect(service.requests.map(keyOf)).toEqual(['AKrot1', 'AKrot2']);
      expect(n).toBe(2);
    });
  }

  it('through nested caches: the instance-metadata cache is refreshed too', async () => {
    const imds = await metadataServer();
    const service = await rejectingService((_request, index) => (index === 0 ? 'InvalidSecretToken' : undefined));
    const c = client(service, fromInstanceMetadata({ endpoint: imds.url, roleName: 'Role' }));
    await expect(c.send(describeThings, {})).resolves.toEqual({ Total: 1 });
    const keys = service.requests.map(keyOf);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    expect(imds.requests.filter((r) => r.path.includes('security_credentials'))).toHaveLength(2);
  });

  it('a provider that hands out the same rejected credentials again: fails after one refresh, no resend', async () => {
    let n = 0;
    const provider: CredentialsProvider = async () => {
      n++;
      return { accessKeyId: 'AKsame', secretAccessKey: 'secret', expiration: new Date(Date.now() + 3_600_000) };
    };
    const service = await rejectingService(() => 'InvalidAccessKey');
    const c = client(service, provider);
    const error = await watch.rejection(c.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error).toMatchObject({ code: 'InvalidAccessKey' });
    expect(service.requests).toHaveLength(1);
    expect(n).toBe(2);
    // The next call sends what the provider last gave, and asks it once more when they are refused again.
    await watch.rejection(c.send(describeThings, {}));
    expect(service.requests).toHaveLength(2);
    expect(n).toBe(3);
  });

  it('other codes (AccessDenied) keep the cached credentials', async () => {
    let n = 0;
    const provider: CredentialsProvider = async () => {
      n++;
      return { accessKeyId: 'AKkeep', secretAccessKey: 'secret', expiration: new Date(Date.now() + 3_600_000) };
    };
    const service = await rejectingService(() => 'AccessDenied');
    const c = client(service, provider);
    await watch.rejection(c.send(describeThings, {}));
    await watch.rejection(c.send(describeThings, {}));
    expect(n).toBe(1);
    expect(service.requests).toHaveLength(2);
  });
});
