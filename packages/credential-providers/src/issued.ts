import type { Credentials } from '@volc-ts/core';

/** The key members of an STS answer's `Credentials`. */
export interface IssuedCredentials {
  readonly AccessKeyId?: string;
  readonly SecretAccessKey?: string;
  readonly SessionToken?: string;
}

/**
 * The credentials an STS answer issued, or undefined when a part is missing. `expiry` is the answer's
 * expiry time (AssumeRole calls it `ExpiredTime`, AssumeRoleWithOIDC `Expiration`); one that is not a date
 * is left out rather than guessed.
 */
export function issuedCredentials(
  issued: IssuedCredentials | undefined,
  expiry: string | undefined,
): Credentials | undefined {
  if (!issued?.AccessKeyId || !issued.SecretAccessKey || !issued.SessionToken) return undefined;
  const expiration = expiry ? new Date(expiry) : undefined;
  return {
    accessKeyId: issued.AccessKeyId,
    secretAccessKey: issued.SecretAccessKey,
    sessionToken: issued.SessionToken,
    ...(expiration && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
  };
}
