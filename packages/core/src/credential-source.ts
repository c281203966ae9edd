/**
 * Where a client's calls get their credentials: the `credentials` option as a provider (cached, the cache
 * made on the first call) or as static keys, else the default chain. A module of its own so that config.ts
 * does not reach the modules loaded on demand (and, through them, the call's types).
 */
import type { ClientConfig } from './config.js';
import { defaultCredentialChain } from './credentials/client-defaults.js';
import type { Credentials, CredentialsProvider } from './credentials/types.js';
import { loadCredentialsCache } from './on-demand.js';

/** A provider, or static keys kept as they are: they need no provider call and no race against a signal. */
export function credentialSource(credentials: ClientConfig['credentials']): CredentialsProvider | Credentials {
  if (credentials === undefined) return defaultCredentialChain();
  if (typeof credentials === 'function') return cachedOnFirstCall(credentials);
  return { ...credentials };
}

/**
 * `cachedCredentials(provider)`, made on the provider's first call: the cache module is loaded then (in the
 * browser build, a chunk fetched on the first call), not by every client, since most pages pass static keys.
 */
function cachedOnFirstCall(provider: CredentialsProvider): CredentialsProvider {
  let cached: Promise<CredentialsProvider> | undefined;
  return async (request) => {
    cached ??= loadCredentialsCache().then(
      (module) => module.cachedCredentials(provider),
      (error: unknown) => {
        cached = undefined;
        throw error;
      },
    );
    return (await cached)(request);
  };
}
