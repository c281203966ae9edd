/**
 * The browser build's client-defaults.ts. A page has no config file, no instance role and no OIDC token
 * file, so the default chain is the environment alone (edge runtimes that expose `process.env`), and no
 * CLI profile settings apply. Pass `credentials` to a client in a browser.
 */
import { VolcCredentialsError } from '../errors/credentials-error.js';
import type { ProfileClientSettings } from './cli-config.js';
import { fromEnv } from './env.js';
import type { CredentialsProvider } from './types.js';

export function defaultCredentialChain(): CredentialsProvider {
  const env = fromEnv();
  return async () => {
    try {
      return await env();
    } catch (error) {
      const tried = error instanceof VolcCredentialsError ? [...error.tried] : [];
      tried.push({
        source: 'this runtime',
        reason: 'has no config file or instance role; pass `credentials` to the client',
      });
      throw new VolcCredentialsError(tried);
    }
  };
}

export function profileClientSettings(): ProfileClientSettings {
  return {};
}
