/**
 * What a client made without `credentials` (or without a region or endpoint) falls back to: the default
 * credential chain and the CLI profile's client settings. The browser build takes
 * client-defaults.browser.ts instead, so neither the file readers nor the STS, SSO and metadata sources
 * reach a browser bundle.
 */
export { defaultCredentialChain } from './chain.js';
export { profileClientSettings } from './cli-config.js';
export { warnPlainHttp } from './plain-http-warning.js';
