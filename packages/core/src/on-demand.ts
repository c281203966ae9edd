/**
 * Modules a call needs only sometimes: the failure path, the debug log, the browser's default credential
 * chain, what runs hooks, the cache in front of a credentials provider, the UUIDs of idempotency tokens.
 * This build imports them statically; the ES module browser build swaps in on-demand.split.ts, which
 * imports them with `import()` so that a page fetches them only when a call needs them. (Node and
 * CommonJS builds keep static imports: hosts such as Jest cannot always run an `import()`.)
 */
import * as callFailure from './call-failure.js';
import * as credentialsCache from './credentials/cache.js';
import * as envChain from './credentials/env-chain.js';
import * as hookRunners from './hook-runners.js';
import * as uuid from './uuid.js';

export const loadCallFailure = (): Promise<typeof callFailure> => Promise.resolve(callFailure);
export { loadCallDebug } from './debug-on-demand.js';
export const loadEnvChain = (): Promise<typeof envChain> => Promise.resolve(envChain);
export const loadHookRunners = (): Promise<typeof hookRunners> => Promise.resolve(hookRunners);
export const loadCredentialsCache = (): Promise<typeof credentialsCache> => Promise.resolve(credentialsCache);
export const loadUuid = (): Promise<typeof uuid> => Promise.resolve(uuid);
