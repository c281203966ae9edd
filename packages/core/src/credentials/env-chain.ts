/**
 * The default credential chain of the browser build (see client-defaults.browser.ts): the environment
 * alone, for edge runtimes that expose `process.env`, with an error that says to pass `credentials`.
 */
import { VolcCredentialsError } from '../errors/credentials-error.js';
import { fromEnv } from './env.js';
import type { CredentialsProvider } from './types.js';

export function environmentChain(): CredentialsProvider {
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
