/**
 * The transport a client uses when none is given, on Node: node:http / node:https. Bun and Deno get their
 * own `fetch`, called directly (fetch-direct.ts; browsers go through ky). The browser build of core swaps this file for
 * `default.browser.ts` (see tsup.config.ts), so browser bundles never carry the Node transport.
 */
import { createDirectFetchTransport } from './fetch-direct.js';
import { createNodeTransport } from './node.js';
import type { ProxyOption } from './proxy.js';
import type { HttpTransport } from './types.js';

export interface DefaultTransportOptions {
  /** Send through this `fetch` instead of the runtime's default transport. */
  readonly fetch?: typeof fetch;
  /**
   * Proxy URL for every request (`http://host:port`, credentials allowed), or false to ignore the proxy
   * variables. Node only; fetch runtimes use their own proxy settings.
   * @default the environment: `VOLC_PROXY_*`, else `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` with `NO_PROXY`
   */
  readonly proxy?: ProxyOption;
}

function isNode(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  return versions?.node !== undefined && versions.bun === undefined && versions.deno === undefined;
}

/**
 * The transport for this runtime: node:http with keep-alive on Node, `fetch` (called directly) elsewhere or when
 * `options.fetch` is given. Never follows redirects; bounds response bodies. Make one and reuse it:
 * it owns the connection pool.
 *
 * @throws {TypeError} `proxy` is not a valid http(s) URL, or is set where it cannot apply (custom `fetch`, non-Node runtime)
 */
export function defaultTransport(options: DefaultTransportOptions = {}): HttpTransport {
  if (options.fetch) {
    if (typeof options.proxy === 'string')
      throw new TypeError(
        'The proxy option needs the Node transport; with a custom fetch, set the proxy in that fetch',
      );
    return createDirectFetchTransport(options.fetch);
  }
  if (isNode()) return createNodeTransport(options.proxy !== undefined ? { proxy: options.proxy } : {});
  if (typeof options.proxy === 'string')
    throw new TypeError('The proxy option is supported on Node only; this runtime uses its own proxy settings');
  return createDirectFetchTransport();
}
