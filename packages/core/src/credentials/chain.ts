import { VolcCredentialsError, type CredentialSourceAttempt } from '../errors/credentials-error.js';
import { isVolcErrorLike } from '../errors/volc-error.js';
import { fromConfigFile } from './config-file.js';
import { fromEnv } from './env.js';
import type { Credentials, CredentialsProvider } from './types.js';

/**
 * Tries providers in order and returns the first credentials found. When none has any, throws one
 * `VolcCredentialsError` that lists every source tried and why it failed.
 */
export function chainCredentials(...providers: CredentialsProvider[]): CredentialsProvider {
  return async () => {
    const tried: CredentialSourceAttempt[] = [];
    let firstCause: unknown;
    for (const [index, provider] of providers.entries()) {
      try {
        return await provider();
      } catch (error) {
        if (error instanceof VolcCredentialsError || (isVolcErrorLike(error) && Array.isArray((error as VolcCredentialsError).tried))) {
          tried.push(...(error as VolcCredentialsError).tried);
        } else {
          // A custom provider's own error: named by position, kept whole as the cause.
          const message = error instanceof Error ? error.message.slice(0, 120) : 'failed';
          tried.push({ source: `provider #${index + 1}`, reason: message });
          firstCause ??= error;
        }
      }
    }
    throw new VolcCredentialsError(tried, firstCause === undefined ? undefined : { cause: firstCause });
  };
}

/**
 * Shares one provider result until shortly before it expires. Concurrent callers wait for the same
 * refresh; if a refresh fails while the old credentials are still valid, the old ones are used.
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

/**
 * The default chain: environment variables ({@link fromEnv}), then the volcengine CLI config file
 * ({@link fromConfigFile}, profile from `VOLCENGINE_PROFILE`). The result is cached and refreshed
 * shortly before it expires. For STS AssumeRole, pass a provider from the STS package instead.
 */
export function defaultCredentialChain(): CredentialsProvider {
  return cachedCredentials(chainCredentials(fromEnv(), fromConfigFile()));
}
