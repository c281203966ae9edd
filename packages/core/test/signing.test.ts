import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import vectors from './fixtures/official-signer-vectors.json' with { type: 'json' };
import { signRequest, signRequestDetailed, type SignableRequest } from '../src/index.js';
import { canonicalQueryString, formatXDate, uriEscape } from '../src/signing/encoding.js';
import { createNodeBackend, createWebCryptoBackend, type NodeCryptoLike } from '../src/signing/crypto.js';
import { referenceCanonicalQuery } from './helpers/reference-signer.js';

const issueCredentials = {
  accessKeyId: 'AKLTexampleaccesskeyid000000000000',
  secretAccessKey: 'WkdFeGFtcGxlU2VjcmV0S2V5MDAwMDAwMDAwMDAwMDAwMA==',
};
const issueDate = new Date('2025-01-02T03:04:05Z');
const nodeBackend = createNodeBackend({ createHash, createHmac } as unknown as NodeCryptoLike);
const webBackend = createWebCryptoBackend(globalThis.crypto.subtle);

describe('signRequest', () => {
  it('reproduces the public test vector from the issue', async () => {
    const headers = await signRequest(
      {
        method: 'POST',
        host: 'redis.cn-beijing.volcengineapi.com',
        query: { Action: 'DescribeCrossRegionBackups', Version: '2020-12-07' },
        body: '{"InstanceId":"redis-cnlfabcdef123456","PageNumber":1,"PageSize":10,"Scope":"OneInstance"}',
      },
      issueCredentials,
      { service: 'redis', region: 'cn-beijing', date: issueDate },
    );
    expect(headers['X-Date']).toBe('20250102T030405Z');
    expect(headers.Authorization).toContain('SignedHeaders=host;x-content-sha256;x-date,');
    expect(headers.Authorization).toMatch(
      /Signature=3986b07e2cc9e60122646ab9fbf8d0c22340118afb94dced48ef31462f73c625$/,
    );
    expect(headers.Authorization).toBe(
      'HMAC-SHA256 Credential=AKLTexampleaccesskeyid000000000000/20250102/cn-beijing/redis/request, SignedHeaders=host;x-content-sha256;x-date, Signature=3986b07e2cc9e60122646ab9fbf8d0c22340118afb94dced48ef31462f73c625',
    );
    expect(headers['X-Content-Sha256']).toBe(
      createHash('sha256')
        .update('{"InstanceId":"redis-cnlfabcdef123456","PageNumber":1,"PageSize":10,"Scope":"OneInstance"}')
        .digest('hex'),
    );
  });

  for (const [backendName, backend] of [
    ['node:crypto', nodeBackend],
    ['Web Crypto', webBackend],
  ] as const) {
    describe(`with ${backendName}`, () => {
      for (const vector of vectors.cases) {
        it(`matches the official signer: ${vector.name}`, async () => {
          const credentials = {
            accessKeyId: vectors.accessKeyId,
            secretAccessKey: vectors.secretAccessKey,
            ...('sessionToken' in vector ? { sessionToken: vector.sessionToken } : {}),
          };
          // JSON import types widen the header sets into one type with optional members; each case has only strings.
          const { headers } = await signRequestDetailed(
            vector.request as SignableRequest,
            credentials,
            { ...vector.scope, date: new Date(vectors.date) },
            backend,
          );
          expect(headers).toEqual(vector.expected);
        });
      }
    });
  }

  it('gives identical results on both backends for random requests', async () => {
    for (let i = 0; i < 40; i++) {
      const secret = randomBytes(1 + (i % 40)).toString('base64');
      const request = {
        method: i % 2 ? 'GET' : 'POST',
        host: `svc${i}.cn-beijing.volcengineapi.com`,
        query: {
          Action: `A${i}`,
          Version: '2020-01-01',
          [`K ${randomBytes(3).toString('hex')}*`]: randomBytes(6).toString('base64'),
        },
        ...(i % 3 ? { body: randomBytes(i * 7).toString('latin1') } : {}),
        headers: { 'X-Extra': `v${i}` },
      };
      const scope = { service: `svc${i}`, region: 'cn-beijing', date: new Date(Date.UTC(2024, 0, 1 + i)) };
      const credentials = {
        accessKeyId: 'AK',
        secretAccessKey: secret,
        ...(i % 4 === 0 ? { sessionToken: `tok${i}` } : {}),
      };
      const a = await signRequestDetailed(request, credentials, scope, nodeBackend);
      const b = await signRequestDetailed(request, credentials, scope, webBackend);
      expect(b).toEqual(a);
    }
  });

  it('hashes a Uint8Array body as its bytes, the same as the equal string', async () => {
    const text = '{"Name":"中文"}';
    const scope = { service: 'ecs', region: 'cn-beijing', date: issueDate };
    for (const backend of [nodeBackend, webBackend]) {
      const fromString = await signRequestDetailed(
        { method: 'POST', host: 'h', body: text },
        issueCredentials,
        scope,
        backend,
      );
      const fromBytes = await signRequestDetailed(
        { method: 'POST', host: 'h', body: new TextEncoder().encode(text) },
        issueCredentials,
        scope,
        backend,
      );
      expect(fromBytes.headers).toEqual(fromString.headers);
    }
  });

  it('adds X-Security-Token only with a session token and X-Content-Sha256 only with a body', async () => {
    const scope = { service: 'ecs', region: 'cn-beijing', date: issueDate };
    const bare = await signRequest({ method: 'GET', host: 'h', query: { Action: 'A' } }, issueCredentials, scope);
    expect(Object.keys(bare).sort()).toEqual(['Authorization', 'X-Date']);
    expect(bare.Authorization).toContain('SignedHeaders=host;x-date,');
    const withToken = await signRequest(
      { method: 'POST', host: 'h', body: 'x' },
      { ...issueCredentials, sessionToken: 'tok' },
      scope,
    );
    expect(withToken['X-Security-Token']).toBe('tok');
    expect(withToken.Authorization).toContain('SignedHeaders=host;x-content-sha256;x-date;x-security-token,');
  });

  it('signs every header but content-type, content-length and user-agent (Accept included), as the official signers do', async () => {
    const details = await signRequestDetailed(
      {
        method: 'post',
        host: 'h',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': '2',
          'User-Agent': 'ua',
          'X-Trace-Id': ' a   b ',
          Accept: '*/*',
        },
        body: '{}',
      },
      issueCredentials,
      { service: 'ecs', region: 'cn-beijing', date: issueDate },
    );
    expect(details.signedHeaders).toBe('accept;host;x-content-sha256;x-date;x-trace-id');
    expect(details.canonicalRequest.split('\n')).toEqual([
      'POST',
      '/',
      '',
      'accept:*/*',
      'host:h',
      `x-content-sha256:${createHash('sha256').update('{}').digest('hex')}`,
      'x-date:20250102T030405Z',
      'x-trace-id:a b',
      '',
      'accept;host;x-content-sha256;x-date;x-trace-id',
      createHash('sha256').update('{}').digest('hex'),
    ]);
    expect(details.stringToSign).toBe(
      [
        'HMAC-SHA256',
        '20250102T030405Z',
        '20250102/cn-beijing/ecs/request',
        createHash('sha256').update(details.canonicalRequest).digest('hex'),
      ].join('\n'),
    );
  });

  it('accepts URLSearchParams with repeated keys like a record of arrays', async () => {
    const scope = { service: 'ecs', region: 'cn-beijing', date: issueDate };
    const params = new URLSearchParams([
      ['Id', 'b'],
      ['Action', 'X'],
      ['Id', 'a'],
    ]);
    const a = await signRequest({ method: 'GET', host: 'h', query: params }, issueCredentials, scope);
    const b = await signRequest(
      { method: 'GET', host: 'h', query: { Action: 'X', Id: ['a', 'b'] } },
      issueCredentials,
      scope,
    );
    expect(a).toEqual(b);
  });

  it('rejects a request without host or with incomplete credentials', async () => {
    const scope = { service: 'ecs', region: 'cn-beijing' };
    await expect(signRequest({ method: 'GET', host: '' }, issueCredentials, scope)).rejects.toThrow(/host/);
    await expect(
      signRequest({ method: 'GET', host: 'h' }, { accessKeyId: 'AK', secretAccessKey: '' }, scope),
    ).rejects.toThrow(/secretAccessKey/);
  });

  it('uses the current time when no date is given', async () => {
    const before = formatXDate(new Date(Date.now() - 1000));
    const headers = await signRequest({ method: 'GET', host: 'h' }, issueCredentials, {
      service: 'ecs',
      region: 'cn-beijing',
    });
    const after = formatXDate(new Date(Date.now() + 1000));
    expect(headers['X-Date']! >= before && headers['X-Date']! <= after).toBe(true);
  });
});

describe('signing key cache', () => {
  function countingCrypto() {
    const counter = { hmacs: 0 };
    const crypto: NodeCryptoLike = {
      createHash: (alg) => createHash(alg),
      createHmac: (alg, key) => {
        counter.hmacs++;
        return createHmac(alg, key);
      },
    };
    return { counter, backend: createNodeBackend(crypto) };
  }

  it('derives the key once per (secret, date, region, service)', async () => {
    const { counter, backend } = countingCrypto();
    const request = { method: 'GET', host: 'h' };
    const day1 = new Date('2025-01-02T03:04:05Z');
    for (let i = 0; i < 5; i++)
      await signRequestDetailed(
        request,
        issueCredentials,
        { service: 'ecs', region: 'cn-beijing', date: day1 },
        backend,
      );
    // 4 HMACs to derive the key once, then 1 per signature.
    expect(counter.hmacs).toBe(4 + 5);

    const variants = [
      {
        creds: issueCredentials,
        scope: { service: 'ecs', region: 'cn-beijing', date: new Date('2025-01-03T00:00:00Z') },
      },
      { creds: issueCredentials, scope: { service: 'ecs', region: 'cn-shanghai', date: day1 } },
      { creds: issueCredentials, scope: { service: 'vpc', region: 'cn-beijing', date: day1 } },
      {
        creds: { ...issueCredentials, secretAccessKey: 'other' },
        scope: { service: 'ecs', region: 'cn-beijing', date: day1 },
      },
    ];
    for (const v of variants) {
      const before = counter.hmacs;
      await signRequestDetailed(request, v.creds, v.scope, backend);
      expect(counter.hmacs - before).toBe(5);
    }
    // Same day, later time: cached.
    const before = counter.hmacs;
    await signRequestDetailed(
      request,
      issueCredentials,
      { service: 'ecs', region: 'cn-beijing', date: new Date('2025-01-02T23:59:59Z') },
      backend,
    );
    expect(counter.hmacs - before).toBe(1);
  });

  it('stays bounded when many scopes are used', async () => {
    const { counter, backend } = countingCrypto();
    const request = { method: 'GET', host: 'h' };
    const date = new Date('2025-01-02T00:00:00Z');
    for (let i = 0; i < 100; i++)
      await signRequestDetailed(request, issueCredentials, { service: `s${i}`, region: 'r', date }, backend);
    // s99 is still cached, s0 was evicted.
    let before = counter.hmacs;
    await signRequestDetailed(request, issueCredentials, { service: 's99', region: 'r', date }, backend);
    expect(counter.hmacs - before).toBe(1);
    before = counter.hmacs;
    await signRequestDetailed(request, issueCredentials, { service: 's0', region: 'r', date }, backend);
    expect(counter.hmacs - before).toBe(5);
  });
});

describe('canonical query encoding', () => {
  it('escapes per RFC 3986', () => {
    expect(uriEscape("a b*c~d!e'f(g)h-_.")).toBe('a%20b%2Ac~d%21e%27f%28g%29h-_.');
    expect(uriEscape('/+=&?中')).toBe('%2F%2B%3D%26%3F%E4%B8%AD');
  });

  it('sorts keys by raw key and repeated values by encoded value', () => {
    expect(canonicalQueryString({ b: '2', a: ['z', 'y y', 'x'], 'A.1': '1', c: undefined })).toBe(
      'A.1=1&a=x&a=y%20y&a=z&b=2',
    );
    expect(canonicalQueryString({ Empty: '', List: [] })).toBe('Empty=&List=');
    expect(canonicalQueryString(undefined)).toBe('');
  });

  it('agrees with the reference decoder on what the server reads back', () => {
    const query = { 'Tag.1.Key': 'a b+c', Name: '中文*', Action: 'X' };
    const wire = canonicalQueryString(query);
    expect(referenceCanonicalQuery(wire)).toBe(wire);
  });
});
