/**
 * The practical limit: the smallest correct Volcengine signer on node:crypto, synchronous, with the
 * derived key cached for the day. It signs only host, x-date and x-content-sha256 and takes the query
 * as a record of single values, which is all a JSON POST needs.
 */
import { createHash, createHmac } from 'node:crypto';

export interface MinimalRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: string;
}

const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

let cachedScope = '';
let cachedKey: Buffer = Buffer.alloc(0);

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const scope = `${secret}\n${day}\n${region}\n${service}`;
  if (scope !== cachedScope) {
    const step = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    cachedKey = step(step(step(step(secret, day), region), service), 'request');
    cachedScope = scope;
  }
  return cachedKey;
}

/** The canonical query string, also what goes on the wire. */
export function minimalQueryString(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${encode(key)}=${encode(query[key]!)}`)
    .join('&');
}

/** Headers to add: X-Date, X-Content-Sha256, Authorization. */
export function minimalSign(
  request: MinimalRequest,
  accessKeyId: string,
  secretAccessKey: string,
  region: string,
  service: string,
  date: Date,
): Record<string, string> {
  const xDate = date.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = xDate.slice(0, 8);
  const bodyHash = sha256(request.body);
  const canonical = `${request.method}\n${request.path}\n${minimalQueryString(request.query)}\nhost:${request.host}\nx-content-sha256:${bodyHash}\nx-date:${xDate}\n\nhost;x-content-sha256;x-date\n${bodyHash}`;
  const scope = `${day}/${region}/${service}/request`;
  const stringToSign = `HMAC-SHA256\n${xDate}\n${scope}\n${sha256(canonical)}`;
  const signature = createHmac('sha256', signingKey(secretAccessKey, day, region, service))
    .update(stringToSign)
    .digest('hex');
  return {
    'X-Date': xDate,
    'X-Content-Sha256': bodyHash,
    Authorization: `HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=host;x-content-sha256;x-date, Signature=${signature}`,
  };
}
