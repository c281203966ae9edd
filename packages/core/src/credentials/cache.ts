import type { Credentials, CredentialsProvider } from './types.js';

/**
 * Shares one provider result until shortly before it expires. Concurrent callers wait for the same
 * refresh; if a refresh fails while the old credentials are still valid, the old ones are used.
 *
 * @param options.refreshBefore ms before `expiration` at which a new result is fetched (default 300000)
 */
export function cachedCredentials(
  provider: CredentialsProvider,
  options: { refreshBefore?: number; now?: () => number } = {},
): CredentialsProvider {
  const refreshBefore = options.refreshBefore ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let current: Credentials | undefined;
  let pending: Promise<Credentials> | undefined;
  const isFresh = (c: Credentials) => !c.expiration || c.expiration.getTime() - refreshBefore > now();
  const isValid = (c: Credentials) => !c.expiration || c.expiration.getTime() > now();
  return async () => {
    if (current && isFresh(current)) return current;
    pending ??= provider()
      .then((credentials) => {
        current = credentials;
        return credentials;
      })
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
