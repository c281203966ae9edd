/** An access key pair, with a session token and expiry when it comes from STS. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When temporary credentials stop working; the client refreshes them shortly before. */
  readonly expiration?: Date;
}

/** What a caller tells a provider when it asks again. */
export interface CredentialsRequest {
  /**
   * Credentials the service refused (`InvalidAccessKey`, `InvalidSecretToken`, an expired token): a cache
   * holding them drops them and fetches new ones, and passes this on to the provider it wraps.
   */
  readonly rejected?: Credentials;
}

/**
 * Resolves credentials on demand. The client calls it for every attempt through a cache, so a provider
 * may do I/O (read a file, call STS) and return expiring credentials; it is called again shortly
 * before `expiration`, and with `{ rejected }` when the service refused what it returned (a provider
 * may ignore the argument). Throw `VolcCredentialsError` to say why nothing was found.
 */
export type CredentialsProvider = (request?: CredentialsRequest) => Promise<Credentials>;

/** True when two credentials are the same key, secret and token. */
export function sameCredentials(a: Credentials, b: Credentials): boolean {
  return (
    a.accessKeyId === b.accessKeyId &&
    a.secretAccessKey === b.secretAccessKey &&
    (a.sessionToken ?? '') === (b.sessionToken ?? '')
  );
}
