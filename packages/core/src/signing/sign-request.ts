import { canonicalHeaderValue, canonicalQueryString, formatXDate, type QueryInput } from './encoding.js';
import { defaultCryptoBackend } from './backend.js';
import { EMPTY_SHA256, type CryptoBackend } from './crypto.js';

/** The parts of an HTTP request that a Volcengine signature covers. */
export interface SignableRequest {
  /** `GET`, `POST`, ...; upper-cased for signing. */
  readonly method: string;
  /** Host as sent in the `Host` header, with the port when it is not the scheme's default. */
  readonly host: string;
  /** Request path, `/` when absent. Used as given (Volcengine actions always use `/`). */
  readonly path?: string;
  readonly query?: QueryInput;
  /**
   * The canonical query string, when the caller already has it (the client sends exactly this string);
   * `query` is then not read. It must be what `canonicalQueryString(query)` gives, or the server will
   * compute another signature.
   */
  readonly canonicalQuery?: string;
  /**
   * Headers that will be sent. Every one is signed except those in {@link UNSIGNED_HEADERS}
   * (`authorization`, `content-type`, `content-length`, `user-agent`, `presigned-expires`, `expect`),
   * the official signers' rule: `Accept` and `X_Custom` are signed. Names are compared without case.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Exact body bytes (a string is hashed as UTF-8). */
  readonly body?: string | Uint8Array;
}

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SigningScope {
  /** Signing service name, such as `redis`. */
  readonly service: string;
  readonly region: string;
  /** Signing time; now when absent. */
  readonly date?: Date;
}

/** Everything a signature was made from, for debugging a `SignatureDoesNotMatch`. */
export interface SignatureDetails {
  /** Headers to add to the request. */
  readonly headers: Record<string, string>;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signedHeaders: string;
}

const ALGORITHM = 'HMAC-SHA256';

/**
 * Header names (lower case) never signed, as in the official signers (`@volcengine/openapi`
 * lib/base/sign.js and `@volcengine/sdk-core` src/utils/signer.ts): proxies and runtimes may set or
 * change them.
 */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'content-type',
  'content-length',
  'user-agent',
  'presigned-expires',
  'expect',
]);

/** Signed header names and values, lower-case names in sorted order, values canonicalized. */
type HeaderEntries = readonly (readonly [name: string, value: string])[];

// A client signs for one host: its canonical value is remembered rather than recomputed with a regex.
let lastHost = '';
let lastCanonicalHost = '';
function canonicalHost(host: string): string {
  if (host !== lastHost) {
    lastCanonicalHost = canonicalHeaderValue(host);
    lastHost = host;
  }
  return lastCanonicalHost;
}

/**
 * The headers the signer sets itself, in sorted order: `host`, `x-content-sha256` (with a body),
 * `x-date`, `x-security-token` (with a session token). The date and hash need no canonicalizing.
 */
function ownHeaders(
  host: string,
  xDate: string,
  payloadHash: string | undefined,
  sessionToken: string | undefined,
): HeaderEntries {
  const entries: [string, string][] = [['host', canonicalHost(host)]];
  if (payloadHash !== undefined) entries.push(['x-content-sha256', payloadHash]);
  entries.push(['x-date', xDate]);
  if (sessionToken !== undefined) entries.push(['x-security-token', canonicalHeaderValue(sessionToken)]);
  return entries;
}

/**
 * The signer's own headers with the caller's signable headers merged in and sorted; on a name clash the
 * signer's value wins. Usually the caller has none, and `own` (already sorted) is used as it is.
 */
function signedHeaderEntries(own: HeaderEntries, headers: Readonly<Record<string, string>> | undefined): HeaderEntries {
  if (headers === undefined) return own;
  const merged = new Map<string, string>();
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (!UNSIGNED_HEADERS.has(lower)) merged.set(lower, canonicalHeaderValue(headers[name]!));
  }
  if (merged.size === 0) return own;
  for (const [name, value] of own) merged.set(name, value);
  // Names are unique, so no two compare equal.
  return [...merged].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** `SignedHeaders` (`host;x-date`) and the canonical header lines, each ending in a newline. */
function headerBlock(entries: HeaderEntries): { signedHeaders: string; canonicalHeaders: string } {
  let signedHeaders = '';
  let canonicalHeaders = '';
  for (const [name, value] of entries) {
    signedHeaders = signedHeaders === '' ? name : `${signedHeaders};${name}`;
    canonicalHeaders += `${name}:${value}\n`;
  }
  return { signedHeaders, canonicalHeaders };
}

/** What a signature is made from, before any hashing: checked inputs, the date and the scope. */
interface Prepared {
  readonly xDate: string;
  readonly day: string;
  readonly credentialScope: string;
  readonly hasBody: boolean;
  readonly sessionToken: string | undefined;
}

function prepare(request: SignableRequest, credentials: SigningCredentials, scope: SigningScope): Prepared {
  if (!request.host) throw new TypeError('signRequest: request.host is required');
  if (!credentials.accessKeyId || !credentials.secretAccessKey) {
    throw new TypeError('signRequest: credentials need an accessKeyId and a secretAccessKey');
  }
  const xDate = formatXDate(scope.date ?? new Date());
  const day = xDate.slice(0, 8);
  return {
    xDate,
    day,
    credentialScope: `${day}/${scope.region}/${scope.service}/request`,
    hasBody: request.body !== undefined && request.body.length > 0,
    sessionToken: credentials.sessionToken || undefined,
  };
}

function canonicalRequestOf(
  request: SignableRequest,
  p: Prepared,
  payloadHash: string,
): { canonicalRequest: string; signedHeaders: string } {
  const own = ownHeaders(request.host, p.xDate, p.hasBody ? payloadHash : undefined, p.sessionToken);
  const { signedHeaders, canonicalHeaders } = headerBlock(signedHeaderEntries(own, request.headers));
  const query = request.canonicalQuery ?? canonicalQueryString(request.query);
  const canonicalRequest = `${request.method.toUpperCase()}\n${request.path || '/'}\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  return { canonicalRequest, signedHeaders };
}

function stringToSignOf(p: Prepared, canonicalRequestHash: string): string {
  return `${ALGORITHM}\n${p.xDate}\n${p.credentialScope}\n${canonicalRequestHash}`;
}

function detailsOf(
  p: Prepared,
  credentials: SigningCredentials,
  payloadHash: string,
  canonical: { canonicalRequest: string; signedHeaders: string },
  stringToSign: string,
  signature: string,
): SignatureDetails {
  const { signedHeaders } = canonical;
  const headers: Record<string, string> = { 'X-Date': p.xDate };
  if (p.hasBody) headers['X-Content-Sha256'] = payloadHash;
  if (p.sessionToken) headers['X-Security-Token'] = p.sessionToken;
  headers.Authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${p.credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers, canonicalRequest: canonical.canonicalRequest, stringToSign, signedHeaders };
}

/**
 * Signs a request and returns the canonical request and string to sign as well as the headers.
 * `backend` picks the crypto implementation (tests compare both); the default is the fastest one.
 */
export async function signRequestDetailed(
  request: SignableRequest,
  credentials: SigningCredentials,
  scope: SigningScope,
  backend: CryptoBackend = defaultCryptoBackend(),
): Promise<SignatureDetails> {
  const p = prepare(request, credentials, scope);
  const payloadHash = p.hasBody ? await backend.sha256Hex(request.body!) : EMPTY_SHA256;
  const canonical = canonicalRequestOf(request, p, payloadHash);
  const stringToSign = stringToSignOf(p, await backend.sha256Hex(canonical.canonicalRequest));
  const signature = await backend.signHex(
    credentials.secretAccessKey,
    p.day,
    scope.region,
    scope.service,
    stringToSign,
  );
  return detailsOf(p, credentials, payloadHash, canonical, stringToSign, signature);
}

/**
 * {@link signRequestDetailed} without a promise, when the default backend computes synchronously
 * (node:crypto); undefined when it does not (Web Crypto), and the caller then awaits
 * `signRequestDetailed`. The same signature either way. Internal: the client's success path.
 */
export function signRequestDetailedSync(
  request: SignableRequest,
  credentials: SigningCredentials,
  scope: SigningScope,
): SignatureDetails | undefined {
  const sync = defaultCryptoBackend().sync;
  if (!sync) return undefined;
  const p = prepare(request, credentials, scope);
  const payloadHash = p.hasBody ? sync.sha256Hex(request.body!) : EMPTY_SHA256;
  const canonical = canonicalRequestOf(request, p, payloadHash);
  const stringToSign = stringToSignOf(p, sync.sha256Hex(canonical.canonicalRequest));
  const signature = sync.signHex(credentials.secretAccessKey, p.day, scope.region, scope.service, stringToSign);
  return detailsOf(p, credentials, payloadHash, canonical, stringToSign, signature);
}

/**
 * Signs a request the way Volcengine's OpenAPI gateway verifies it (HMAC-SHA256, close to AWS SigV4)
 * and resolves to the headers to add: `Authorization`, `X-Date`, `X-Content-Sha256` when the body is
 * non-empty, and `X-Security-Token` when the credentials carry a session token.
 *
 * Signed headers are `host`, `x-date`, `x-content-sha256`, `x-security-token` and every header in
 * `request.headers` except {@link UNSIGNED_HEADERS}, the official signers' rule, so the signature is
 * byte for byte theirs for any header set. Derived signing keys are cached per (secret, date, region,
 * service).
 *
 * @example
 * const headers = await signRequest(
 *   { method: 'POST', host: 'redis.cn-beijing.volcengineapi.com',
 *     query: { Action: 'DescribeDBInstances', Version: '2020-12-07' }, body: '{}' },
 *   { accessKeyId, secretAccessKey },
 *   { service: 'redis', region: 'cn-beijing' },
 * );
 */
export async function signRequest(
  request: SignableRequest,
  credentials: SigningCredentials,
  scope: SigningScope,
): Promise<Record<string, string>> {
  return (await signRequestDetailed(request, credentials, scope)).headers;
}
