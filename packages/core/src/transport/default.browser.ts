/**
 * The browser build's default transport: ky over `fetch`, always. Same shape as `default.ts`, without
 * the Node transport, so a browser bundle stays free of it (tsup.config.ts swaps the files).
 */
import { createFetchTransport } from './fetch.js';
import { checkMaxSockets, fetchPoolKey, leasePool, type PoolLease, type PooledTransport } from './pool.js';
import type { DefaultTransportOptions } from './default.js';

export type { DefaultTransportOptions } from './default.js';

/**
 * The transport for fetch runtimes: ky over `fetch` (or `options.fetch`). Never follows redirects;
 * bounds response bodies.
 *
 * @throws {TypeError} `proxy` is set: fetch runtimes use their own proxy settings
 * @throws {RangeError} `maxSockets` is neither a positive integer nor `Infinity`
 */
export function defaultTransport(options: DefaultTransportOptions = {}): PooledTransport {
  if (typeof options.proxy === 'string')
    throw new TypeError('The proxy option is supported on Node only; this runtime uses its own proxy settings');
  return createFetchTransport(options.fetch, options.maxSockets);
}

/** A share of the default transport for clients with the same `fetch` and `maxSockets` (see default.ts). */
export function leaseDefaultTransport(options: DefaultTransportOptions = {}): PoolLease {
  if (typeof options.proxy === 'string')
    throw new TypeError('The proxy option is supported on Node only; this runtime uses its own proxy settings');
  const key = fetchPoolKey(options.fetch, checkMaxSockets(options.maxSockets));
  return leasePool(key, () => defaultTransport(options));
}
