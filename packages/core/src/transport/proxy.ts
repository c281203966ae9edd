/**
 * Which proxy a request goes through, as users set it: the client's `proxy` option; else the official
 * SDK's `VOLC_PROXY_HOST` / `VOLC_PROXY_PORT` / `VOLC_PROXY_PROTOCOL`; else `HTTPS_PROXY` / `HTTP_PROXY`
 * / `ALL_PROXY` (either case), with `NO_PROXY` (either case) exempting hosts, both read by the
 * `proxy-from-env` package (host suffixes, `*`, ports). The environment is looked at when a client is
 * made. Node only.
 */
import { readEnv } from '../runtime.js';

/** `proxy` client option: a URL such as `http://proxy.internal:3128`, or false for a direct connection. */
export type ProxyOption = string | false;

/** Picks the proxy URL for one request URL, or undefined for a direct connection. */
export type ProxySelector = (url: URL) => Promise<string | undefined>;

const PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

interface ProxyFromEnv {
  getProxyForUrl(url: string | URL): string;
}

let proxyFromEnv: Promise<ProxyFromEnv> | undefined;

function loadProxyFromEnv(): Promise<ProxyFromEnv> {
  // A variable specifier: the CommonJS build keeps a real import() of this ESM-only package.
  const specifier = 'proxy-from-env';
  return (proxyFromEnv ??= import(specifier) as Promise<ProxyFromEnv>);
}

/** A proxy URL checked and normalized; the message never repeats credentials it may carry. */
export function checkedProxyUrl(value: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new TypeError(`${source} is not a valid proxy URL (expected http://host:port)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`${source}: only http and https proxies are supported (got ${parsed.protocol})`);
  }
  return parsed.href;
}

/**
 * The proxy the `VOLC_PROXY_*` variables name, as the official SDK reads them: set by `VOLC_PROXY_PORT`,
 * host `VOLC_PROXY_HOST` (default 127.0.0.1), scheme `VOLC_PROXY_PROTOCOL` (default http); it applies to
 * every request, `NO_PROXY` aside, as there.
 */
function volcProxyFromEnv(): string | undefined {
  const port = readEnv('VOLC_PROXY_PORT');
  if (port === undefined) return undefined;
  const host = readEnv('VOLC_PROXY_HOST') ?? '127.0.0.1';
  const protocol = readEnv('VOLC_PROXY_PROTOCOL') ?? 'http';
  return checkedProxyUrl(`${protocol}://${host}:${port}`, 'VOLC_PROXY_HOST/VOLC_PROXY_PORT/VOLC_PROXY_PROTOCOL');
}

/**
 * The selector for a client, decided once when the client is made: undefined when every request goes
 * direct (the common case costs nothing per call).
 */
export function proxySelector(option: ProxyOption | undefined): ProxySelector | undefined {
  if (option === false) return undefined;
  if (option !== undefined) {
    const fixed = checkedProxyUrl(option, 'The proxy option');
    return async () => fixed;
  }
  const volc = volcProxyFromEnv();
  if (volc !== undefined) return async () => volc;
  if (!PROXY_ENV.some((name) => readEnv(name) !== undefined)) return undefined;
  return async (url) => (await loadProxyFromEnv()).getProxyForUrl(url) || undefined;
}
