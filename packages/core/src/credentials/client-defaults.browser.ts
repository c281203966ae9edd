/**
 * The browser build's client-defaults.ts. A page has no config file, no instance role and no OIDC token
 * file, so the default chain is the environment alone (edge runtimes that expose `process.env`), and no
 * CLI profile settings apply. Pass `credentials` to a client in a browser.
 */
import { loadEnvChain } from '../on-demand.js';
import type { ProfileClientSettings } from './cli-config.js';
import type { CredentialsProvider } from './types.js';

export function defaultCredentialChain(): CredentialsProvider {
  let chain: CredentialsProvider | undefined;
  // Asked for on first use: a page that passes `credentials` (the usual case) never loads it.
  return async () => {
    chain ??= (await loadEnvChain()).environmentChain();
    return chain();
  };
}

export function profileClientSettings(): ProfileClientSettings {
  return {};
}

/** Never called here: with no profile, nothing turns TLS off. */
export function warnPlainHttp(): void {}
