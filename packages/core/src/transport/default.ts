/**
 * The transport a client uses when none is given, on Node: node:http / node:https. Bun and Deno get their
 * own `fetch`, called directly (fetch-direct.ts; browsers go through ky). The browser build of core swaps this file for
 * `default.browser.ts` (see tsup.config.ts), so browser bundles never carry the Node transport.
 */
import { createDirectFetchTransport } from './fetch-direct.js';
import { createNodeTransport } from './node.js';
import { checkMaxSockets, fetchPoolKey, leasePool, type PoolLease, type PooledTransport } from './pool.js';
import { proxySettingsKey, type ProxyOption } from './proxy.js';

export interface DefaultTransportOptions {
  /** Send through this `fetch` instead of the runtime's default transport. */
  readonly fetch?: typeof fetch;
  /**
   * Proxy URL for every request (`http://host:port`, credentials allowed), or false to ignore the proxy
   * variables. Node only; fetch runtimes use their own proxy settings.
   * @default the environment: `VOLC_PROXY_*`, else `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` with `NO_PROXY`
   */
  readonly proxy?: ProxyOption;
  /**
   * Most connections per endpoint (requests in flight, with `fetch`); more requests wait in order, the
   * wait counted in their attempt's timeout. `Infinity`: no cap. @default 50
   */
  readonly maxSockets?: number;
}

function isNode(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  return versions?.node !== undefined && versions.bun === undefined && versions.deno === undefined;
}

/**
 * The transport for this runtime: node:http with keep-alive on Node, `fetch` (called directly) elsewhere or when
 * `options.fetch` is given. Never follows redirects; bounds response bodies. Make one and reuse it:
 * it owns its connection pool, which `close()` releases (clients never close a transport they are given).
 *
 * @throws {TypeError} `proxy` is not a valid http(s) URL, or is set where it cannot apply (custom `fetch`, non-Node runtime)
 * @throws {RangeError} `maxSockets` is neither a positive integer nor `Infinity`
 */
export function defaultTransport(options: DefaultTransportOptions = {}): PooledTransport {
  refuseMisplacedProxy(options);
  if (options.fetch || !isNode()) return createDirectFetchTransport(options.fetch, options.maxSockets);
  return createNodeTransport({
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    ...(options.maxSockets !== undefined ? { maxSockets: options.maxSockets } : {}),
  });
}

/** @throws {TypeError} a proxy URL where the fetch transport would send (it cannot apply one) */
function refuseMisplacedProxy(options: DefaultTransportOptions): void {
  if (typeof options.proxy !== 'string') return;
  if (options.fetch)
    throw new TypeError('The proxy option needs the Node transport; with a custom fetch, set the proxy in that fetch');
  if (!isNode())
    throw new TypeError('The proxy option is supported on Node only; this runtime uses its own proxy settings');
}

/**
 * A share of the default transport that clients with the same settings (fetch function, proxy, the proxy
 * variables as they are now, `maxSockets`) use together; the pool closes when the last share is released.
 *
 * @throws {TypeError} as {@link defaultTransport}
 * @throws {RangeError} as {@link defaultTransport}
 */
export function leaseDefaultTransport(options: DefaultTransportOptions = {}): PoolLease {
  refuseMisplacedProxy(options);
  const maxSockets = checkMaxSockets(options.maxSockets);
  const key =
    options.fetch || !isNode()
      ? fetchPoolKey(options.fetch, maxSockets)
      : `node:${maxSockets}:${proxySettingsKey(options.proxy)}`;
  return leasePool(key, () => defaultTransport(options));
}
