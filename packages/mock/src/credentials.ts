import { randomBytes } from 'node:crypto';

/** An access key pair the mock accepts. With `sessionToken`, requests must carry it in `X-Security-Token`. */
export interface MockCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Epoch ms after which the mock refuses the pair (InvalidAccessKey); never when absent. */
  readonly expiresAt?: number;
}

/**
 * The test-only key pair the mock accepts when no `credentials` option is given. It opens nothing but
 * the mock, so it is printed and documented on purpose.
 */
export const MOCK_CREDENTIALS: MockCredentials = Object.freeze({
  accessKeyId: 'AKLTvolcmockaccesskey',
  secretAccessKey: 'volc-mock-secret-key',
});

/** Indexes credentials by access key ID; the last entry wins when an ID repeats. */
export function indexCredentials(list: readonly MockCredentials[]): Map<string, MockCredentials> {
  return new Map(list.map((entry) => [entry.accessKeyId, entry]));
}

/** A temporary key pair in the shape Volcengine's credential services return it. */
export interface IssuedCredentials {
  readonly AccessKeyId: string;
  readonly SecretAccessKey: string;
  readonly SessionToken: string;
  /** RFC 3339 time at which the mock stops accepting the pair. */
  readonly ExpiredTime: string;
}

/** A new random temporary key pair, valid for `ttlSeconds`. */
export function newTemporaryCredentials(
  ttlSeconds: number,
  now: number,
): IssuedCredentials & { readonly expiresAt: number } {
  const id = randomBytes(8).toString('hex');
  const expiresAt = now + ttlSeconds * 1000;
  return {
    AccessKeyId: `AKTPmock${id}`,
    SecretAccessKey: randomBytes(16).toString('hex'),
    SessionToken: `mock-session-${randomBytes(12).toString('hex')}`,
    ExpiredTime: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    expiresAt,
  };
}
