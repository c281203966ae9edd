import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VolcCredentialsError } from '@volc-ts/core';
import { MOCK_CREDENTIALS, startMockServer, type MockServer } from '@volc-ts/mock';
import { RedisClient } from '@volc-ts/redis';
import { fromAssumeRole, fromProfile } from '../src/index.js';

const ROLE = 'trn:iam::2100000000:role/ReadOnly';
// The temporary pair that spec/sts.yaml's AssumeRole example hands out.
const ASSUMED = {
  accessKeyId: 'AKTPvolcmockassumedrole',
  secretAccessKey: 'volc-mock-assumed-role-secret',
  sessionToken: 'volc-mock-session-token',
};

/** A tiny STS stand-in whose expiry times a test controls; it counts AssumeRole calls. */
async function fakeSts(expiries: string[]): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      const n = bodies.length;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          ResponseMetadata: {
            RequestId: `req-${n}`,
            Action: 'AssumeRole',
            Version: '2018-01-01',
            Service: 'sts',
            Region: 'cn-beijing',
          },
          Result: {
            Credentials: {
              AccessKeyId: `AKTP${n}`,
              SecretAccessKey: `secret-${n}`,
              SessionToken: `token-${n}`,
              ExpiredTime: expiries[n - 1],
            },
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, server };
}

describe('fromAssumeRole', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ credentials: [MOCK_CREDENTIALS, ASSUMED] });
  });
  afterAll(() => mock.close());

  it('calls STS AssumeRole as a signed form POST and returns the temporary credentials', async () => {
    const provider = fromAssumeRole({
      roleTrn: ROLE,
      roleSessionName: 'volc-ts-session',
      durationSeconds: 3600,
      sourceCredentials: MOCK_CREDENTIALS,
      endpoint: mock.url,
    });
    const credentials = await provider();
    expect(credentials).toMatchObject(ASSUMED);
    expect(credentials.expiration?.toISOString()).toBe('2099-01-01T00:00:00.000Z');
    const [request] = mock.requestsFor('AssumeRole');
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(request!.body).get('RoleTrn')).toBe(ROLE);
    expect(String(request!.headers.authorization)).toContain(`Credential=${MOCK_CREDENTIALS.accessKeyId}/`);
  });

  it('signs a service call with the assumed role, session token included', async () => {
    mock.reset();
    const client = new RedisClient({
      endpoint: mock.url,
      credentials: fromAssumeRole({
        roleTrn: ROLE,
        sourceCredentials: MOCK_CREDENTIALS,
        endpoint: mock.url,
      }),
    });
    const result = await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
    expect(result.$metadata.RequestId).toBeTruthy();
    const [call] = mock.requestsFor('DescribeCrossRegionBackups');
    expect(call!.headers['x-security-token']).toBe(ASSUMED.sessionToken);
    expect(String(call!.headers.authorization)).toContain(`Credential=${ASSUMED.accessKeyId}/`);
  });

  it('reuses credentials until shortly before they expire, then fetches new ones once for concurrent callers', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const sts = await fakeSts([soon, later]);
    try {
      // Credentials that expire within refreshBefore are stale at once; the next call refreshes them.
      const provider = fromAssumeRole({
        roleTrn: ROLE,
        sourceCredentials: MOCK_CREDENTIALS,
        endpoint: sts.url,
        refreshBefore: 120_000,
      });
      expect((await provider()).accessKeyId).toBe('AKTP1');
      const [a, b, c] = await Promise.all([provider(), provider(), provider()]);
      expect([a!.accessKeyId, b!.accessKeyId, c!.accessKeyId]).toEqual(['AKTP2', 'AKTP2', 'AKTP2']);
      expect((await provider()).accessKeyId).toBe('AKTP2');
      expect(sts.bodies).toHaveLength(2);
    } finally {
      sts.server.close();
    }
  });

  it('says which role failed when STS refuses, without leaking the source secret', async () => {
    mock.failNext('AssumeRole', { code: 'AccessDenied', status: 403 });
    const provider = fromAssumeRole({
      roleTrn: ROLE,
      sourceCredentials: MOCK_CREDENTIALS,
      endpoint: mock.url,
    });
    const error = await provider().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect((error as Error).message).toContain(`STS AssumeRole ${ROLE}`);
    expect((error as Error).message).not.toContain(MOCK_CREDENTIALS.secretAccessKey);
  });

  it('still takes the deprecated stsConfig (its endpoint and fetch) for one minor version', async () => {
    mock.reset();
    const seen: string[] = [];
    const recording = ((input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    }) as typeof fetch;
    const credentials = await fromAssumeRole({
      roleTrn: ROLE,
      sourceCredentials: MOCK_CREDENTIALS,
      stsConfig: { endpoint: mock.url, fetch: recording },
    })();
    expect(credentials).toMatchObject(ASSUMED);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.startsWith(`${mock.url}/`)).toBe(true);
    expect(mock.requestsFor('AssumeRole')).toHaveLength(1);
  });

  it('falls back to the default chain for the source credentials, and names it when it has none', async () => {
    mock.reset();
    const error = await fromAssumeRole({ roleTrn: ROLE, endpoint: mock.url })().then(
      () => new Error('expected a rejection'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(`STS AssumeRole ${ROLE}: no credentials to call STS with (environment:`);
    expect(mock.requestsFor('AssumeRole')).toHaveLength(0);
  });

  it('assumes the role of a CLI profile in role mode with the profile keys as the source', async () => {
    mock.reset();
    const dir = mkdtempSync(join(tmpdir(), 'volc-profile-'));
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        current: 'ops',
        profiles: {
          ops: {
            mode: 'assume-role',
            'access-key': MOCK_CREDENTIALS.accessKeyId,
            'secret-key': MOCK_CREDENTIALS.secretAccessKey,
            'role-trn': ROLE,
            'role-session-name': 'ops-session',
          },
          plain: { mode: 'ak', 'access-key': 'AKLTplain', 'secret-key': 'plain-secret' },
        },
      }),
    );
    const assumed = await fromProfile({ path, stsConfig: { endpoint: mock.url } })();
    expect(assumed.accessKeyId).toBe(ASSUMED.accessKeyId);
    expect(new URLSearchParams(mock.requestsFor('AssumeRole')[0]!.body).get('RoleSessionName')).toBe('ops-session');
    const plain = await fromProfile({ path, profile: 'plain' })();
    expect(plain).toMatchObject({ accessKeyId: 'AKLTplain', secretAccessKey: 'plain-secret' });
  });
});

describe('fromProfile: config file problems (issue 12 item 10)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'volc-profile-bad-'));

  it('a directory is reported as a directory, not as "cannot be read as JSON"', async () => {
    const error = await fromProfile({ path: dir })().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect((error as Error).message).toContain(`config file ${dir}: is a directory, not a file`);
  });

  it('skips a byte order mark, and names null and a non-string mode', async () => {
    const path = join(dir, 'bom.json');
    writeFileSync(
      path,
      `\ufeff${JSON.stringify({ profiles: { default: { 'access-key': 'AKLTbom', 'secret-key': 'bom-secret' } } })}`,
    );
    await expect(fromProfile({ path, profile: 'default' })()).resolves.toMatchObject({ accessKeyId: 'AKLTbom' });
    writeFileSync(path, 'null');
    await expect(fromProfile({ path, profile: 'default' })()).rejects.toThrow(
      `config file ${path}: holds null, expected an object with "profiles"`,
    );
    writeFileSync(path, JSON.stringify({ profiles: { default: { mode: 5, 'access-key': 'a', 'secret-key': 'b' } } }));
    await expect(fromProfile({ path, profile: 'default' })()).rejects.toThrow(
      'profile "default" has a "mode" that is a number',
    );
  });
});
