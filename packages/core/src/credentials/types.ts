/** An access key pair, with a session token and expiry when it comes from STS. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When temporary credentials stop working; the client refreshes them shortly before. */
  readonly expiration?: Date;
}

/**
 * Resolves credentials on demand. The client calls it for every attempt through a cache, so a provider
 * may do I/O (read a file, call STS) and return expiring credentials; it is called again shortly
 * before `expiration`. Throw `VolcCredentialsError` to say why nothing was found.
 */
export type CredentialsProvider = () => Promise<Credentials>;
