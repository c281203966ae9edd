import { VolcCredentialsError } from '../errors/credentials-error.js';
import { isVolcErrorLike } from '../errors/volc-error.js';
import { sameCredentials, type Credentials, type CredentialsProvider, type CredentialsRequest } from './types.js';

/** Waits after consecutive failures of a refresh: 1 s, 2 s, 4 s, ... up to a minute. */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;

export interface CacheOptions {
  /** ms before `expiration` at which a new result is fetched. @default 300000 */
  readonly refreshBefore?: number;
  /** The clock, in ms since the epoch. @default Date.now */
  readonly now?: () => number;
  /**
   * After a failed refresh, do not ask the provider again before a wait that doubles with each failure in a
   * row (1 s up to 60 s); calls meanwhile get the still-valid credentials, or the last error at once. For
   * sources behind a network call (instance metadata, STS, SSO). @default false
   */
  readonly backoff?: boolean;
}

/** The last failure, said again without asking the provider, with the wait left. A new error each time. */
function stillFailing(error: unknown, wait: number): Error {
  const note = `(failed moments ago; next try in ${wait} ms)`;
  if (
    error instanceof VolcCredentialsError ||
    (isVolcErrorLike(error) && Array.isArray((error as VolcCredentialsError).tried))
  )
    return new VolcCredentialsError(
      (error as VolcCredentialsError).tried.map((t) => ({ source: t.source, reason: `${t.reason} ${note}` })),
      { cause: error },
    );
  const message = error instanceof Error ? error.message.slice(0, 120) : 'failed';
  return new VolcCredentialsError([{ source: 'credentials provider', reason: `${message} ${note}` }], { cause: error });
}

/**
 * Shares one provider result until shortly before it expires. Concurrent callers wait for the same
 * refresh; if a refresh fails while the old credentials are still valid, the old ones are used. Called
 * with `{ rejected }` (the service refused those credentials), it drops them if they are the ones it holds,
 * and passes the request on to the provider, so nested caches drop them too.
 */
export function cachedCredentials(provider: CredentialsProvider, options: CacheOptions = {}): CredentialsProvider {
  const refreshBefore = options.refreshBefore ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  let failures = 0;
  let retryAt = 0;
  let lastError: unknown;
  const isFresh = (c: Credentials) => !c.expiration || c.expiration.getTime() - refreshBefore > now();
  const isValid = (c: Credentials) => !c.expiration || c.expiration.getTime() > now();
  return async (request?: CredentialsRequest) => {
    const rejected = request?.rejected;
    if (rejected && current && sameCredentials(current, rejected)) current = undefined;
    if (current && isFresh(current)) return current;
    if (options.backoff && !pending && failures > 0 && now() < retryAt) {
      if (current && isValid(current)) return current;
      throw stillFailing(lastError, retryAt - now());
    }
    pending ??= provider(rejected ? { rejected } : undefined)
      .then(
        (credentials) => {
          current = credentials;
          failures = 0;
          return credentials;
        },
        (error: unknown) => {
          failures++;
          retryAt = now() + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 16));
          lastError = error;
          throw error;
        },
      )
      .finally(() => {
        pending = undefined;
      });
    try {
      return await pending;
    } catch (error) {
      if (current && isValid(current)) return current;
      throw error;
    }
  };
}
