/**
 * The browser build's default transport: ky over `fetch`, always. Same shape as `default.ts`, without
 * the Node transport, so a browser bundle stays free of it (tsup.config.ts swaps the files).
 */
import { createFetchTransport } from './fetch.js';
import type { HttpTransport } from './types.js';
import type { DefaultTransportOptions } from './default.js';

export type { DefaultTransportOptions } from './default.js';

/**
 * The transport for fetch runtimes: ky over `fetch` (or `options.fetch`). Never follows redirects;
 * bounds response bodies.
 *
 * @throws {TypeError} `proxy` is set: fetch runtimes use their own proxy settings
 */
export function defaultTransport(options: DefaultTransportOptions = {}): HttpTransport {
  if (typeof options.proxy === 'string')
    throw new TypeError('The proxy option is supported on Node only; this runtime uses its own proxy settings');
  return createFetchTransport(options.fetch);
}
