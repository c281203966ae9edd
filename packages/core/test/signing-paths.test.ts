/**
 * The signer has a short path for the usual request (only its own headers signed, query string given
 * by the client) and a general one (caller headers merged and sorted, query canonicalized here).
 * These tests hold both to the same bytes, and both to an independent verifier, on random requests.
 */
import { createHash, createHmac, hash, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalQueryString,
  signRequestDetailed,
  type SignableRequest,
  type SigningCredentials,
} from '../src/index.js';
import { createNodeBackend, createWebCryptoBackend, type NodeCryptoLike } from '../src/signing/crypto.js';
import { formatXDate, uriEscape } from '../src/signing/encoding.js';
import { verifyRequest } from './helpers/reference-signer.js';

const nodeBackend = createNodeBackend({ createHash, createHmac } as unknown as NodeCryptoLike);
// With the one-shot `hash` (Node >= 20.12), as the default backend is on this Node.
const nodeOneShotBackend = createNodeBackend({ hash, createHash, createHmac } as unknown as NodeCryptoLike);
const webBackend = createWebCryptoBackend(globalThis.crypto.subtle);

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
/** Printable ASCII with the characters that need escaping, plus some non-ASCII. */
const ALPHABET = "abcXYZ019-_.~ !'()*/+=&?%#:@中é";
const randomText = (max: number, min = 0) =>
  Array.from({ length: min + randomInt(max - min + 1) }, () => pick([...ALPHABET])).join('');

function randomQuery(): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = { Action: `Act${randomInt(1000)}`, Version: '2020-12-07' };
  for (let i = randomInt(4); i > 0; i--) {
    query[randomText(6, 1)] =
      randomInt(3) === 0 ? Array.from({ length: randomInt(3) }, () => randomText(5)) : randomText(8);
  }
  return query;
}

/** Signed headers (x-*, underscores, Accept) in random case with untidy whitespace, some that must not be signed. */
function randomHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'test agent' };
  for (let i = randomInt(4); i > 0; i--) {
    const name = `${pick(['x-', 'X-', 'X_', 'Accept-', ''])}${pick(['Trace', 'request-ID', 'a', 'zz', 'Meta'])}${randomInt(10)}`;
    headers[name] = `${pick(['', ' ', '\t'])}v ${randomInt(100)}${pick(['', '   x', '\t y'])}${pick(['', ' '])}`;
  }
  return headers;
}

function randomCase(i: number): { request: SignableRequest; credentials: SigningCredentials; date: Date } {
  const request: SignableRequest = {
    method: pick(['GET', 'POST', 'post']),
    host: pick(['redis.cn-beijing.volcengineapi.com', '127.0.0.1:8787', 'open.volcengineapi.com']),
    query: randomQuery(),
    ...(i % 3 === 0 ? {} : { body: randomBytes(randomInt(200)).toString('base64') }),
    ...(i % 2 === 0 ? { headers: randomHeaders() } : {}),
  };
  const credentials: SigningCredentials = {
    accessKeyId: `AKLT${randomBytes(8).toString('hex')}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    ...(i % 4 < 2 ? { sessionToken: `STS${randomBytes(20).toString('base64')}` } : {}),
  };
  return { request, credentials, date: new Date(Date.UTC(2020, 0, 1) + randomInt(2 ** 40)) };
}

describe('signing: short path and general path', () => {
  it('the signer overriding a caller header of its own name gives the same bytes as not having it', async () => {
    // A caller header named like one the signer sets sends the request down the general (merge) path,
    // and the signer's value wins, so the result must equal the short path's.
    for (let i = 0; i < 60; i++) {
      const { request, credentials, date } = randomCase(i);
      const plain: SignableRequest = { ...request, headers: { 'Content-Type': 'application/json' } };
      const clashing: SignableRequest = {
        ...request,
        headers: {
          'Content-Type': 'application/json',
          'X-Date': '19700101T000000Z',
          ...(request.body ? { 'x-content-sha256': 'f'.repeat(64) } : {}),
        },
      };
      const scope = { service: 'redis', region: 'cn-beijing', date };
      const short = await signRequestDetailed(plain, credentials, scope, nodeBackend);
      const general = await signRequestDetailed(clashing, credentials, scope, nodeBackend);
      expect(general).toEqual(short);
    }
  });

  it('a precomputed canonical query gives the same bytes as the query it came from', async () => {
    for (let i = 0; i < 60; i++) {
      const { request, credentials, date } = randomCase(i);
      const scope = { service: 'ecs', region: 'cn-shanghai', date };
      const { query, ...rest } = request;
      const fromQuery = await signRequestDetailed(request, credentials, scope, nodeBackend);
      const fromString = await signRequestDetailed(
        { ...rest, canonicalQuery: canonicalQueryString(query) },
        credentials,
        scope,
        nodeBackend,
      );
      expect(fromString).toEqual(fromQuery);
    }
  });

  it('random requests with caller headers and session tokens verify against the reference verifier, on every backend', async () => {
    for (let i = 0; i < 80; i++) {
      const { request, credentials, date } = randomCase(i);
      const scope = { service: 'redis', region: 'cn-beijing', date };
      const node = await signRequestDetailed(request, credentials, scope, nodeBackend);
      const web = await signRequestDetailed(request, credentials, scope, webBackend);
      const oneShot = await signRequestDetailed(request, credentials, scope, nodeOneShotBackend);
      expect(web).toEqual(node);
      expect(oneShot).toEqual(node);

      const sent: Record<string, string> = { host: request.host };
      for (const [name, value] of Object.entries({ ...request.headers, ...node.headers }))
        sent[name.toLowerCase()] = value;
      const body = typeof request.body === 'string' ? request.body : '';
      const verdict = verifyRequest(
        {
          method: request.method.toUpperCase(),
          path: '/',
          rawQuery: canonicalQueryString(request.query),
          headers: sent,
          body,
        },
        { [credentials.accessKeyId]: credentials.secretAccessKey },
      );
      expect(verdict, JSON.stringify({ request, signedHeaders: node.signedHeaders })).toMatchObject({ ok: true });

      const unsigned = ['content-type', 'user-agent'];
      const callerX = Object.keys(request.headers ?? {})
        .map((name) => name.toLowerCase())
        .filter((name) => !unsigned.includes(name));
      const expectedNames = [
        'host',
        ...(body ? ['x-content-sha256'] : []),
        'x-date',
        ...(credentials.sessionToken ? ['x-security-token'] : []),
        ...callerX,
      ];
      expect(node.signedHeaders).toBe([...new Set(expectedNames)].sort().join(';'));
    }
  });
});

describe('signing helpers', () => {
  it('formats X-Date like the ISO form without separators, for random times and consecutive seconds', () => {
    const viaIso = (date: Date) =>
      date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}Z$/, 'Z');
    for (let i = 0; i < 500; i++) {
      const date = new Date(randomInt(2 ** 47));
      expect(formatXDate(date)).toBe(viaIso(date));
      // The next second, and the same second again, must not reuse a stale value.
      const next = new Date(date.getTime() + 1000);
      expect(formatXDate(next)).toBe(viaIso(next));
      expect(formatXDate(date)).toBe(viaIso(date));
    }
    expect(formatXDate(new Date('0999-03-04T05:06:07.890Z'))).toBe('09990304T050607Z');
    expect(() => formatXDate(new Date('not a date'))).toThrow(RangeError);
  });

  it("escapes like encodeURIComponent plus !'()*, with or without characters that need it", () => {
    const reference = (value: string) =>
      encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (let i = 0; i < 500; i++) {
      const value = randomText(12);
      expect(uriEscape(value)).toBe(reference(value));
    }
    expect(uriEscape('Plain-Value_1.2~3')).toBe('Plain-Value_1.2~3');
    expect(uriEscape('')).toBe('');
  });

  it('groups URLSearchParams keys without prototype surprises', () => {
    expect(
      canonicalQueryString(
        new URLSearchParams([
          ['__proto__', 'x'],
          ['constructor', 'y'],
          ['a', '2'],
          ['a', '1'],
        ]),
      ),
    ).toBe('__proto__=x&a=1&a=2&constructor=y');
  });
});
