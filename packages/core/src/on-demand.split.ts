/**
 * on-demand.ts of the ES module browser build (dist/esm): each module is imported when first needed, so
 * an app's bundler gives it a chunk of its own that a page fetches only then.
 */
export const loadCallFailure = () => import('./call-failure.js');
export { loadCallDebug } from './debug-on-demand.js';
export const loadEnvChain = () => import('./credentials/env-chain.js');
export const loadHookRunners = () => import('./hook-runners.js');
export const loadCredentialsCache = () => import('./credentials/cache.js');
export const loadUuid = () => import('./uuid.js');
