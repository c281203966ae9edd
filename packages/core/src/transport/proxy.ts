/**
 * Which proxy a request goes through, as users set it: the client's `proxy` option; else the official
 * SDK's `VOLC_PROXY_HOST` / `VOLC_PROXY_PORT` / `VOLC_PROXY_PROTOCOL`; else `https_proxy` / `http_proxy`
 * (by the request's scheme) or `all_proxy`, lower case first then upper case, with `NO_PROXY` (either case)
 * exempting hosts. The environment is read when a client is made. Node only.
 *
 * The rules are those of the `proxy-from-env` package this replaces (exact hosts, `.suffix` and `*suffix`,
 * `host:port`, `*` for everything), with IPv6 read as such: `::1`, `[::1]` and `[::1]:8080` name the
 * loopback, in any spelling of the address. It is code of our own, not that package, because the package
 * reads a bare IPv6 entry as `host:port` (`::1` as host `:` port 1) and reads `process.env` itself, so it
 * cannot be given a corrected entry; and because a single-file bundle must carry everything it runs.
 */
import { readEnv } from '../runtime.js';

/** `proxy` client option: a URL such as `http://proxy.internal:3128`, or false for a direct connection. */
export type ProxyOption = string | false;

/** A proxy as the transport talks to it. */
export interface ProxyServer {
  /** `https:` proxy: the transport speaks TLS to the proxy itself. */
  readonly secure: boolean;
  /** Host name or address, IPv6 without brackets, as node:http and node:net take it. */
  readonly host: string;
  readonly port: number;
  /** `http://host:port`: what messages name. Never the credentials. */
  readonly label: string;
  /** `Basic ...` for the user and password in the URL, percent-escapes decoded. */
  readonly authorization: string | undefined;
}

/**
 * Picks the proxy for one request URL, or undefined for a direct connection. Throws a `TypeError` (naming
 * the variable, never its credentials) when the variable that applies is not a usable proxy URL.
 */
export type ProxySelector = (url: URL) => ProxyServer | undefined;

const PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

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
 * Percent-escapes decoded where they are valid UTF-8, anything else kept as written: a password such as
 * `50%off` typed into a proxy URL without escaping its `%` is sent as typed, `p%40ss` as `p@ss`.
 */
function decodeLeniently(value: string): string {
  return value.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** The proxy a checked URL names (see {@link checkedProxyUrl}). */
export function proxyOf(href: string): ProxyServer {
  const url = new URL(href);
  const secure = url.protocol === 'https:';
  const user = decodeLeniently(url.username);
  const password = decodeLeniently(url.password);
  const credentials = user || password ? `${user}:${password}` : undefined;
  return {
    secure,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port) || (secure ? 443 : 80),
    label: `${url.protocol}//${url.host}`,
    authorization: credentials === undefined ? undefined : `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
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

/** One `NO_PROXY` entry: a host (or a host suffix), and a port when it names one (0: any). */
interface NoProxyRule {
  readonly host: string;
  readonly suffix: boolean;
  readonly port: number;
}

/** An IPv6 address as `URL` writes it (`[::1]`), so that every spelling of one address compares equal. */
function bracketedIpv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname;
  } catch {
    return `[${address}]`;
  }
}

/** `NO_PROXY` read into rules; `'*'` when it exempts everything. */
export function noProxyRules(value: string): readonly NoProxyRule[] | '*' {
  const rules: NoProxyRule[] = [];
  for (const entry of value.toLowerCase().split(/[\s,]+/)) {
    if (entry === '') continue;
    if (entry === '*') return '*';
    let host = entry;
    let port = 0;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      host = bracketedIpv6(bracketed[1]!);
      port = Number(bracketed[2] ?? 0);
    } else if (entry.indexOf(':') !== entry.lastIndexOf(':')) {
      host = bracketedIpv6(entry); // a bare IPv6 address: its colons are not a port
    } else {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      if (withPort) {
        host = withPort[1]!;
        port = Number(withPort[2]);
      }
    }
    const suffix = host.startsWith('.') || host.startsWith('*');
    rules.push({ host: host.startsWith('*') ? host.slice(1) : host, suffix, port });
  }
  return rules;
}

/** Whether `NO_PROXY` exempts a URL: a rule naming its host (or a suffix of it) and its port, if any. */
export function exempted(rules: readonly NoProxyRule[] | '*', url: URL): boolean {
  if (rules === '*') return true;
  const host = url.hostname;
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return rules.some(
    (rule) => (rule.port === 0 || rule.port === port) && (rule.suffix ? host.endsWith(rule.host) : host === rule.host),
  );
}

/** The first set variable of `names`, with its name. */
function firstEnv(names: readonly string[]): { readonly name: string; readonly value: string } | undefined {
  for (const name of names) {
    const value = readEnv(name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/** Every variable {@link proxySelector} reads. */
const PROXY_SETTINGS_ENV = [
  'VOLC_PROXY_PORT',
  'VOLC_PROXY_HOST',
  'VOLC_PROXY_PROTOCOL',
  ...PROXY_ENV,
  'no_proxy',
  'NO_PROXY',
];

/**
 * What the selector `proxySelector(option)` would make now depends on, as one string: clients with equal
 * strings route alike and may share connections. It may hold a proxy's credentials: never log it.
 */
export function proxySettingsKey(option: ProxyOption | undefined): string {
  if (option !== undefined) return JSON.stringify(option);
  return JSON.stringify(PROXY_SETTINGS_ENV.map((name) => readEnv(name) ?? null));
}

/**
 * The selector for a client, decided once when the client is made: undefined when every request goes
 * direct (the common case costs nothing per call).
 */
export function proxySelector(option: ProxyOption | undefined): ProxySelector | undefined {
  if (option === false) return undefined;
  if (option !== undefined) {
    const fixed = proxyOf(checkedProxyUrl(option, 'The proxy option'));
    return () => fixed;
  }
  const volc = volcProxyFromEnv();
  if (volc !== undefined) {
    const fixed = proxyOf(volc);
    return () => fixed;
  }
  if (!PROXY_ENV.some((name) => readEnv(name) !== undefined)) return undefined;
  const bySchema = {
    'https:': firstEnv(['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY']),
    'http:': firstEnv(['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']),
  };
  const rules = noProxyRules(readEnv('no_proxy') ?? readEnv('NO_PROXY') ?? '');
  const checked = new Map<string, ProxyServer>();
  return (url) => {
    const variable = bySchema[url.protocol as keyof typeof bySchema];
    if (variable === undefined || exempted(rules, url)) return undefined;
    let proxy = checked.get(variable.name);
    if (!proxy) checked.set(variable.name, (proxy = proxyOf(checkedProxyUrl(variable.value, variable.name))));
    return proxy;
  };
}
