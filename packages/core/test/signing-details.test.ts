/**
 * The signer's details, each pinned: an empty body signs like no body, an empty session token like none,
 * which headers are signed and whose value wins, the exact canonical request and Authorization line, the
 * key caches of both backends at their bound, and the encoding helpers' edge cases.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signRequestDetailed } from '../src/index.js';
import { defaultCryptoBackend } from '../src/signing/backend.js';
import { signRequestDetailedSync } from '../src/signing/sign-request.js';
import { defaultCryptoBackend as browserCryptoBackend } from '../src/signing/backend.browser.js';
import {
  createNodeBackend,
  createWebCryptoBackend,
  EMPTY_SHA256,
  type NodeCryptoLike,
  webCryptoBackend,
} from '../src/signing/crypto.js';
import {
  canonicalHeaderValue,
  canonicalQueryString,
  formatXDate,
  groupParams,
  toHex,
  uriEscape,
} from '../src/signing/encoding.js';

const creds = { accessKeyId: 'AKLTdetails', secretAccessKey: 'details-secret' };
const scope = { service: 'ecs', region: 'cn-beijing', date: new Date('2025-01-02T03:04:05Z') };
const node = createNodeBackend({ createHash, createHmac } as unknown as NodeCryptoLike);
const web = createWebCryptoBackend(globalThis.crypto.subtle);

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
/** The signature as the Volcengine documentation defines it, computed here independently. */
function expectedSignature(secret: string, stringToSign: string): string {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(secret, '20250102'), scope.region), scope.service), 'request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('signRequestDetailed: the exact text signed', () => {
  it.each([
    ['node', node],
    ['webcrypto', web],
  ])('builds the canonical request, string to sign and Authorization line (%s)', async (_name, backend) => {
    const details = await signRequestDetailed(
      {
        method: 'post',
        host: ' example.com:8443 ',
        path: '',
        canonicalQuery: 'Action=Run&Version=1',
        query: { Ignored: 'because canonicalQuery wins' },
        headers: {
          'X-Custom': '  a   b ',
          Accept: 'application/json',
          Host: 'evil.example',
          'X-Date': '19700101T000000Z',
          Authorization: 'x',
          'Content-Type': 'application/json',
          'Content-Length': '2',
          'User-Agent': 'ua',
          'Presigned-Expires': '60',
          Expect: '100-continue',
        },
        body: '{}',
      },
      { ...creds, sessionToken: ' tok  en ' },
      scope,
      backend,
    );
    const bodyHash = sha256('{}');
    expect(details.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'Action=Run&Version=1',
        'accept:application/json',
        'host:example.com:8443',
        `x-content-sha256:${bodyHash}`,
        'x-custom:a b',
        'x-date:20250102T030405Z',
        'x-security-token:tok en',
        '',
        'accept;host;x-content-sha256;x-custom;x-date;x-security-token',
        bodyHash,
      ].join('\n'),
    );
    expect(details.signedHeaders).toBe('accept;host;x-content-sha256;x-custom;x-date;x-security-token');
    expect(details.stringToSign).toBe(
      ['HMAC-SHA256', '20250102T030405Z', '20250102/cn-beijing/ecs/request', sha256(details.canonicalRequest)].join(
        '\n',
      ),
    );
    expect(details.headers).toEqual({
      'X-Date': '20250102T030405Z',
      'X-Content-Sha256': bodyHash,
      'X-Security-Token': ' tok  en ',
      Authorization: `HMAC-SHA256 Credential=AKLTdetails/20250102/cn-beijing/ecs/request, SignedHeaders=accept;host;x-content-sha256;x-custom;x-date;x-security-token, Signature=${expectedSignature(creds.secretAccessKey, details.stringToSign)}`,
    });
    expect(Object.keys(details.headers)).toEqual(['X-Date', 'X-Content-Sha256', 'X-Security-Token', 'Authorization']);
  });

  it.each([
    ['no body', undefined],
    ['an empty string', ''],
    ['empty bytes', new Uint8Array(0)],
  ])('signs %s alike: the empty hash, no X-Content-Sha256', async (_name, body) => {
    const details = await signRequestDetailed({ method: 'GET', host: 'h', path: '/p', body }, creds, scope, node);
    expect(details.canonicalRequest).toBe(
      ['GET', '/p', '', 'host:h', 'x-date:20250102T030405Z', '', 'host;x-date', EMPTY_SHA256].join('\n'),
    );
    expect(Object.keys(details.headers)).toEqual(['X-Date', 'Authorization']);
    expect(EMPTY_SHA256).toBe(sha256(''));
  });

  it('signs an empty session token like none', async () => {
    const withEmpty = await signRequestDetailed(
      { method: 'GET', host: 'h' },
      { ...creds, sessionToken: '' },
      scope,
      node,
    );
    const without = await signRequestDetailed({ method: 'GET', host: 'h' }, creds, scope, node);
    expect(withEmpty).toEqual(without);
    expect(without.signedHeaders).toBe('host;x-date');
  });

  it('signs the canonical form of the query when no canonical query is given', async () => {
    const details = await signRequestDetailed(
      { method: 'GET', host: 'h', query: { b: '2', a: 'x y' } },
      creds,
      scope,
      node,
    );
    expect(details.canonicalRequest.split('\n')[2]).toBe('a=x%20y&b=2');
  });

  it('refuses a request without host or without a complete key pair', async () => {
    await expect(signRequestDetailed({ method: 'GET', host: '' }, creds, scope, node)).rejects.toThrow(
      'signRequest: request.host is required',
    );
    for (const bad of [
      { ...creds, accessKeyId: '' },
      { ...creds, secretAccessKey: '' },
    ])
      await expect(signRequestDetailed({ method: 'GET', host: 'h' }, bad, scope, node)).rejects.toThrow(
        'signRequest: credentials need an accessKeyId and a secretAccessKey',
      );
  });
});

describe('signRequestDetailedSync', () => {
  it('signs in Node without a promise, exactly as signRequestDetailed does', async () => {
    const request = { method: 'POST', host: 'example.com', path: '/', query: { Action: 'Run' }, body: '{"a":1}' };
    const sync = signRequestDetailedSync(request, creds, scope);
    expect(sync).toBeDefined();
    expect(sync).toEqual(await signRequestDetailed(request, creds, scope));
  });
});

describe('crypto backends', () => {
  function counting(base: NodeCryptoLike) {
    const counter = { hmacs: 0, hashes: 0 };
    const crypto: NodeCryptoLike = {
      ...(base.hash
        ? {
            hash: (...args: Parameters<NonNullable<NodeCryptoLike['hash']>>) => (counter.hashes++, base.hash!(...args)),
          }
        : {}),
      createHash: (alg) => (counter.hashes++, base.createHash(alg)),
      createHmac: (alg, key) => (counter.hmacs++, base.createHmac(alg, key)),
    };
    return { counter, backend: createNodeBackend(crypto) };
  }

  it('hashes with the one-shot hash when there is one, else createHash, to the same result', async () => {
    const withHash = counting({
      createHash,
      createHmac,
      hash: (_a, data) => createHash('sha256').update(data).digest('hex'),
    } as NodeCryptoLike);
    const withoutHash = counting({ createHash, createHmac } as unknown as NodeCryptoLike);
    expect(await withHash.backend.sha256Hex('abc')).toBe(sha256('abc'));
    expect(await withoutHash.backend.sha256Hex('abc')).toBe(sha256('abc'));
    expect(await web.sha256Hex(new TextEncoder().encode('abc'))).toBe(sha256('abc'));
  });

  it('keeps 64 signing keys: the 65th scope evicts the oldest', async () => {
    const { counter, backend } = counting({ createHash, createHmac } as unknown as NodeCryptoLike);
    const sign = (service: string) => backend.signHex('s', '20250102', 'r', service, 'text');
    for (let i = 0; i < 64; i++) await sign(`s${i}`);
    let before = counter.hmacs;
    await sign('s0');
    expect(counter.hmacs - before).toBe(1);
    await sign('s64');
    before = counter.hmacs;
    await sign('s1');
    expect(counter.hmacs - before).toBe(1);
    before = counter.hmacs;
    await sign('s0');
    expect(counter.hmacs - before).toBe(5);
  });

  it('gives different keys to scopes that differ in any part, on Web Crypto too', async () => {
    const signs = await Promise.all(
      [
        ['s', '20250102', 'r', 'x'],
        ['t', '20250102', 'r', 'x'],
        ['s', '20250103', 'r', 'x'],
        ['s', '20250102', 'q', 'x'],
        ['s', '20250102', 'r', 'y'],
      ].map(async ([secret, day, region, service]) => {
        const fromWeb = await web.signHex(secret!, day!, region!, service!, 'text');
        expect(await node.signHex(secret!, day!, region!, service!, 'text')).toBe(fromWeb);
        return fromWeb;
      }),
    );
    expect(new Set(signs).size).toBe(5);
  });

  it.each([
    ['secret', ['t', '20250102', 'r', 'x']],
    ['day', ['s', '20250103', 'r', 'x']],
    ['region', ['s', '20250102', 'q', 'x']],
    ['service', ['s', '20250102', 'r', 'y']],
  ])('does not reuse the last key for a scope that differs from it only in the %s', async (_part, next) => {
    const [secret, day, region, service] = next as [string, string, string, string];
    const fresh = createNodeBackend({ createHash, createHmac } as unknown as NodeCryptoLike);
    await fresh.signHex('s', '20250102', 'r', 'x', 'text');
    expect(await fresh.signHex(secret, day, region, service, 'text')).toBe(
      await web.signHex(secret, day, region, service, 'text'),
    );
  });

  it('forgets a Web Crypto key whose derivation failed, and derives it again next time', async () => {
    let failures = 1;
    const subtle = globalThis.crypto.subtle;
    const flaky = {
      digest: subtle.digest.bind(subtle),
      sign: subtle.sign.bind(subtle),
      importKey: (...args: Parameters<SubtleCrypto['importKey']>) => {
        if (failures > 0) {
          failures--;
          return Promise.reject(new Error('importKey failed'));
        }
        return (subtle.importKey as (...a: unknown[]) => Promise<CryptoKey>)(...args);
      },
    } as unknown as SubtleCrypto;
    const backend = createWebCryptoBackend(flaky);
    await expect(backend.signHex('s', 'd', 'r', 'x', 'text')).rejects.toThrow('importKey failed');
    await expect(backend.signHex('s', 'd', 'r', 'x', 'text')).resolves.toBe(
      await web.signHex('s', 'd', 'r', 'x', 'text'),
    );
  });

  it('says why there is no Web Crypto backend', () => {
    vi.stubGlobal('crypto', {});
    expect(() => webCryptoBackend()).toThrow(
      'volc-ts: no Web Crypto here (globalThis.crypto.subtle); browsers offer it only on https pages',
    );
    vi.stubGlobal('crypto', undefined);
    expect(() => webCryptoBackend()).toThrow('volc-ts: no Web Crypto here');
  });

  it('picks node:crypto in Node and Web Crypto in the browser build, once each', () => {
    expect(defaultCryptoBackend().name).toBe('node');
    expect(defaultCryptoBackend()).toBe(defaultCryptoBackend());
    expect(browserCryptoBackend().name).toBe('webcrypto');
    expect(browserCryptoBackend()).toBe(browserCryptoBackend());
  });

  it.each([
    ['no node:crypto', undefined],
    ['a node:crypto without createHmac', { createHash }],
  ])('picks Web Crypto on a host with %s', async (_name, nodeCrypto) => {
    // A fresh copy of backend.ts: the one imported above has already chosen node:crypto and remembers it.
    vi.resetModules();
    vi.doMock('../src/runtime.js', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../src/runtime.js')>()),
      nodeBuiltin: () => nodeCrypto,
    }));
    try {
      const { defaultCryptoBackend: fresh } = await import('../src/signing/backend.js');
      expect(fresh().name).toBe('webcrypto');
    } finally {
      vi.doUnmock('../src/runtime.js');
      vi.resetModules();
    }
  });
});

describe('encoding helpers', () => {
  it('escapes the characters encodeURIComponent leaves alone, in upper-case hex', () => {
    expect(uriEscape("!'()*")).toBe('%21%27%28%29%2A');
    expect(uriEscape('A-z_0.9~')).toBe('A-z_0.9~');
    expect(uriEscape('é')).toBe('%C3%A9');
    expect(uriEscape('')).toBe('');
  });

  it('skips undefined, null and empty keys, and keeps an empty list as key=', () => {
    expect(
      canonicalQueryString({ a: undefined, b: null as unknown as string, '': 'x', c: [], d: ['2', '10'], e: '' }),
    ).toBe('c=&d=10&d=2&e=');
    expect(canonicalQueryString({})).toBe('');
  });

  it('groups repeated URLSearchParams keys, `__proto__` included', () => {
    const params = new URLSearchParams('b=2&a=1&b=1&__proto__=p');
    const grouped = groupParams(params);
    expect(Object.getPrototypeOf(grouped)).toBeNull();
    expect(Object.entries(grouped)).toEqual([
      ['b', ['2', '1']],
      ['a', ['1']],
      ['__proto__', ['p']],
    ]);
    expect(canonicalQueryString(params)).toBe('__proto__=p&a=1&b=1&b=2');
  });

  it('writes bytes as two hex digits each', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 255]))).toBe('00010f10ff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('formats X-Date in UTC with padded fields, per second', () => {
    expect(formatXDate(new Date('0999-03-04T05:06:07.999Z'))).toBe('09990304T050607Z');
    expect(formatXDate(new Date('2025-11-12T13:14:15Z'))).toBe('20251112T131415Z');
    expect(formatXDate(new Date('2025-11-12T13:14:15.900Z'))).toBe('20251112T131415Z');
    expect(formatXDate(new Date('2025-11-12T13:14:16Z'))).toBe('20251112T131416Z');
    expect(() => formatXDate(new Date(Number.NaN))).toThrow(new RangeError('formatXDate: invalid date'));
  });

  it('collapses whitespace runs in header values and trims them', () => {
    expect(canonicalHeaderValue(' a \t\n b  c ')).toBe('a b c');
    expect(canonicalHeaderValue('plain')).toBe('plain');
  });
});
