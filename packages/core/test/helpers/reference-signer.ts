/**
 * An independent, deliberately plain implementation of Volcengine request verification, written from
 * the protocol description (not from src/), used by the test server to check what the client signs.
 */
import { createHash, createHmac } from 'node:crypto';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Canonical query from the raw query string as received (decoded first, then re-encoded). */
export function referenceCanonicalQuery(rawQuery: string): string {
  const byKey = new Map<string, string[]>();
  for (const pair of rawQuery.split('&').filter(Boolean)) {
    const [k = '', v = ''] = pair.split('=');
    const key = decodeURIComponent(k.replace(/\+/g, ' '));
    const value = decodeURIComponent(v.replace(/\+/g, ' '));
    byKey.set(key, [...(byKey.get(key) ?? []), value]);
  }
  return [...byKey.keys()]
    .sort()
    .flatMap((key) =>
      (byKey.get(key) ?? [])
        .map(rfc3986)
        .sort()
        .map((v) => `${rfc3986(key)}=${v}`),
    )
    .join('&');
}

export interface Verification {
  readonly ok: boolean;
  readonly reason?: string;
  readonly accessKeyId?: string;
  readonly xDate?: string;
}

/** Checks an incoming request's Authorization against the secret the test expects. */
export function verifyRequest(
  request: {
    method: string;
    path: string;
    rawQuery: string;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  },
  secrets: Record<string, string>,
): Verification {
  const auth = String(request.headers.authorization ?? '');
  const match =
    /^HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!match) return { ok: false, reason: 'malformed Authorization' };
  const [, accessKeyId = '', day = '', region = '', service = '', signedHeaders = '', signature = ''] = match;
  const secret = secrets[accessKeyId];
  if (secret === undefined) return { ok: false, reason: 'unknown access key', accessKeyId };
  const xDate = String(request.headers['x-date'] ?? '');
  if (!xDate.startsWith(day)) return { ok: false, reason: 'X-Date does not match the scope date', accessKeyId, xDate };
  const bodyHash = sha256(request.body);
  if (request.body !== '' && request.headers['x-content-sha256'] !== bodyHash)
    return { ok: false, reason: 'X-Content-Sha256 mismatch', accessKeyId, xDate };
  const names = signedHeaders.split(';');
  const headerBlock = names
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .replace(/\s+/g, ' ')
          .trim()}\n`,
    )
    .join('');
  const canonical = [
    request.method,
    request.path,
    referenceCanonicalQuery(request.rawQuery),
    headerBlock,
    signedHeaders,
    bodyHash,
  ].join('\n');
  const stringToSign = ['HMAC-SHA256', xDate, `${day}/${region}/${service}/request`, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(secret, day), region), service), 'request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return expected === signature
    ? { ok: true, accessKeyId, xDate }
    : { ok: false, reason: 'signature mismatch', accessKeyId, xDate };
}

/** Parses an X-Date such as 20250102T030405Z. */
export function parseXDate(xDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(xDate);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
