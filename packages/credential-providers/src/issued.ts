import type { Credentials } from '@volc-ts/core';

/** The key members of an STS answer's `Credentials`. */
export interface IssuedCredentials {
  readonly AccessKeyId?: string;
  readonly SecretAccessKey?: string;
  readonly SessionToken?: string;
}

/** The latest expiry accepted: the end of year 9999. */
const LATEST_EXPIRY = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * Why an STS answer's expiry makes its credentials unusable: no time at all (`ExpiredTime "soon" is not a
 * time`), or a time already past (`expired at ..., before they were used`); undefined when it is fine or absent.
 */
export function expiryProblem(member: string, expiry: unknown, now: number = Date.now()): string | undefined {
  if (expiry === undefined || expiry === null || expiry === '') return undefined;
  const time = typeof expiry === 'string' ? new Date(expiry).getTime() : Number.NaN;
  if (Number.isNaN(time) || time > LATEST_EXPIRY)
    return `${member} ${JSON.stringify(expiry)?.slice(0, 40) ?? String(expiry)} is not a time`;
  if (time <= now)
    return `expired at ${new Date(time).toISOString()}, before they were used (is this machine's clock right?)`;
  return undefined;
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
