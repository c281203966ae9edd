import { timingSafeEqual } from 'node:crypto';
import type { MockCredentials } from '../credentials.js';
import { MockServiceError } from '../error-codes.js';
import { canonicalRequest, sha256Hex, signatureHex, signingKey, stringToSign } from './canonical.js';

/** The parts of a received request that its signature covers. */
export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  /** Header values by lower-case name, as Node gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/** Who signed a request and for what, once the signature is verified. */
export interface VerifiedSignature {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly sessionToken?: string;
}

export interface VerifyOptions {
  readonly credentials: ReadonlyMap<string, MockCredentials>;
  /** The server's clock, in epoch milliseconds. */
  readonly now: number;
  /** Allowed distance between X-Date and the server's clock. @default 15 minutes */
  readonly maxSkewMs?: number;
  /** The service the host names, when it names one; the scope must agree. */
  readonly expectedService?: string;
}

/** The fields of an `Authorization: HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header. */
export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly scope: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  // Own members only: a signed header named `__proto__` or `constructor` is simply missing.
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** Parses the Authorization header; throws InvalidAuthorization when it does not have the expected form. */
export function parseAuthorization(value: string): ParsedAuthorization {
  const match = /^HMAC-SHA256\s+(.+)$/.exec(value.trim());
  if (!match?.[1]) throw new MockServiceError('InvalidAuthorization', 'The algorithm must be HMAC-SHA256.');
  const fields = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || signedHeaders === undefined || !signature) {
    throw new MockServiceError('InvalidAuthorization', 'Credential, SignedHeaders and Signature are all required.');
  }
  const scopeParts = credential.split('/');
  const [accessKeyId, date, region, service, terminator] = scopeParts;
  if (scopeParts.length !== 5 || !accessKeyId || !date || !region || !service || terminator !== 'request') {
    throw new MockServiceError(
      'InvalidAuthorization',
      'Credential must be {AccessKey}/{yyyyMMdd}/{region}/{service}/request.',
    );
  }
  return {
    accessKeyId,
    date,
    region,
    service,
    scope: scopeParts.slice(1).join('/'),
    signedHeaders: signedHeaders
      .split(';')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
    signature: signature.toLowerCase(),
  };
}

/** Reads `yyyyMMddTHHmmssZ` as epoch milliseconds; NaN when malformed. */
export function parseXDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const time = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(time);
  // Reject dates that Date.UTC silently rolls over, such as February 30th.
  return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? time : Number.NaN;
}

/**
 * Verifies a request's Volcengine HMAC-SHA256 signature, recomputing it over whatever `SignedHeaders`
 * lists. Throws a {@link MockServiceError} with the code Volcengine answers with; messages never carry
 * the secret, the token or a signature.
 */
export function verifySignature(request: SignedRequest, options: VerifyOptions): VerifiedSignature {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) throw new MockServiceError('MissingSignature');
  const auth = parseAuthorization(authorization);

  const credentials = options.credentials.get(auth.accessKeyId);
  if (!credentials) throw new MockServiceError('InvalidAccessKey', auth.accessKeyId);
  if (credentials.expiresAt !== undefined && credentials.expiresAt <= options.now) {
    throw new MockServiceError('InvalidAccessKey', '', { message: 'The temporary credentials have expired.' });
  }

  const xDate = header(request.headers, 'x-date');
  if (!xDate) throw new MockServiceError('MissingRequestInfo', 'X-Date');
  const signedAt = parseXDate(xDate);
  if (Number.isNaN(signedAt)) throw new MockServiceError('InvalidTimestamp', 'X-Date must be yyyyMMddTHHmmssZ in UTC.');
  const skew = Math.abs(options.now - signedAt);
  if (skew > (options.maxSkewMs ?? FIFTEEN_MINUTES)) {
    throw new MockServiceError(
      'InvalidTimestamp',
      `X-Date is ${Math.round(skew / 1000)} seconds away from the server time.`,
    );
  }
  if (auth.date !== xDate.slice(0, 8)) {
    throw new MockServiceError('SignatureDoesNotMatch', 'The date of the credential scope differs from X-Date.');
  }

  const token = header(request.headers, 'x-security-token');
  if (credentials.sessionToken !== undefined || token !== undefined) {
    if (token !== credentials.sessionToken) {
      throw new MockServiceError('InvalidAccessKey', '', {
        message: 'The security token included in the request is invalid.',
      });
    }
  }

  const payloadHash = sha256Hex(request.body);
  const declaredHash = header(request.headers, 'x-content-sha256');
  if (declaredHash !== undefined && declaredHash.toLowerCase() !== payloadHash) {
    throw new MockServiceError('SignatureDoesNotMatch', 'X-Content-Sha256 does not match the request body.');
  }

  if (options.expectedService !== undefined && auth.service !== options.expectedService) {
    throw new MockServiceError(
      'SignatureDoesNotMatch',
      `The credential scope names service ${auth.service}, the host ${options.expectedService}.`,
    );
  }

  for (const name of auth.signedHeaders) {
    if (header(request.headers, name) === undefined) {
      throw new MockServiceError('SignatureDoesNotMatch', `Signed header ${name} is not in the request.`);
    }
  }
  const canonical = canonicalRequest({
    method: request.method,
    path: request.path,
    rawQuery: request.rawQuery,
    signedHeaders: auth.signedHeaders,
    headerValue: (name) => header(request.headers, name) ?? '',
    payloadHash,
  });
  const key = signingKey(credentials.secretAccessKey, auth.date, auth.region, auth.service);
  const expected = Buffer.from(signatureHex(key, stringToSign(xDate, auth.scope, canonical)), 'utf8');
  const given = Buffer.from(auth.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new MockServiceError('SignatureDoesNotMatch');
  }
  return {
    accessKeyId: auth.accessKeyId,
    date: auth.date,
    region: auth.region,
    service: auth.service,
    ...(token !== undefined ? { sessionToken: token } : {}),
  };
}
