import { createHash, createHmac } from 'node:crypto';

/** Percent-encodes as RFC 3986 asks: everything but `A-Z a-z 0-9 - _ . ~`, space as `%20`. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The canonical query string of a raw query (`a=1&b=x%20y`): decoded, keys sorted by their raw text,
 * keys and values re-encoded with {@link uriEncode}, values of a repeated key sorted after encoding.
 */
export function canonicalQuery(rawQuery: string): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const values = grouped.get(key) ?? [];
    values.push(uriEncode(value));
    grouped.set(key, values);
  }
  return [...grouped.keys()]
    .sort()
    .map((key) => {
      const encodedKey = uriEncode(key);
      return (grouped.get(key) ?? [])
        .sort()
        .map((value) => `${encodedKey}=${value}`)
        .join('&');
    })
    .join('&');
}

/** A header value as it is signed: runs of whitespace become one space, ends trimmed. */
export function canonicalHeaderValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export interface CanonicalRequestParts {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  /** Signed header names in the order `SignedHeaders` lists them, lower case. */
  readonly signedHeaders: readonly string[];
  /** Value of each signed header as received. */
  readonly headerValue: (name: string) => string;
  readonly payloadHash: string;
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const headerLines = parts.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(parts.headerValue(name))}`);
  return [
    parts.method.toUpperCase(),
    parts.path || '/',
    canonicalQuery(parts.rawQuery),
    `${headerLines.join('\n')}\n`,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Signing key: HMAC-SHA256 chain over the raw secret (no prefix): date, region, service, "request". */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(secret, date), region), service), 'request');
}

export function stringToSign(xDate: string, scope: string, canonical: string): string {
  return ['HMAC-SHA256', xDate, scope, sha256Hex(canonical)].join('\n');
}

export function signatureHex(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}
