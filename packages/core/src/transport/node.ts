/**
 * The Node transport: node:http / node:https with keep-alive agents, the cheapest way Node has to make a
 * request (several times cheaper per call than `fetch`, see bench/). Bodies are decompressed here
 * (gzip, deflate, br, by fetch's rules: see `decodersFor`) and counted after decompression, and a leading
 * byte-order mark is dropped as fetch's decoder does: both transports give the same answer for the same
 * bytes. 3xx answers are never followed. Through a proxy, an http endpoint is asked in absolute form and an
 * https one through a CONNECT tunnel, both with node:http, node:net and node:tls alone (see `tunnelAgent`).
 *
 * Node modules are looked up at run time (`process.getBuiltinModule`, or a dynamic import on older
 * Nodes), so this file imports nothing from Node statically.
 */
import type * as Http from 'node:http';
import type * as Net from 'node:net';
import type * as Stream from 'node:stream';
import type * as Tls from 'node:tls';
import type * as Zlib from 'node:zlib';
import { importNodeBuiltin, nodeBuiltin } from '../runtime.js';
import { checkMaxSockets, closable, type PooledTransport } from './pool.js';
import { proxySelector, type ProxyServer, type ProxyOption, type ProxySelector } from './proxy.js';
import { mayHaveSent } from './sent.js';
import { DeadlineReached, isTimerLimit } from './signals.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  isRedirectStatus,
  redirectError,
  tooLargeError,
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type ResponseHeaders,
} from './types.js';

export interface NodeTransportOptions {
  /** A proxy URL for every request, or false to ignore the proxy variables. @default from the environment */
  readonly proxy?: ProxyOption;
  /**
   * Most connections open at once per endpoint (and per proxy); requests beyond wait in the agent's queue,
   * their wait counted in their attempt's timeout. `Infinity`: no cap. @default 50
   */
  readonly maxSockets?: number;
}

interface NodeModules {
  readonly http: typeof Http;
  readonly https: typeof Http; // request() and Agent have the same shape
  readonly zlib: typeof Zlib;
  readonly stream: typeof Stream;
  readonly tls: typeof Tls;
  readonly net: typeof Net;
}

let modules: NodeModules | Promise<NodeModules> | undefined;

const BUILTINS = ['http', 'https', 'zlib', 'stream', 'tls', 'net'] as const;

function loadModules(): NodeModules | Promise<NodeModules> {
  const found = BUILTINS.map((name) => nodeBuiltin<unknown>(`node:${name}`));
  if (found.every(Boolean))
    return Object.fromEntries(BUILTINS.map((name, i) => [name, found[i]])) as unknown as NodeModules;
  return Promise.all(BUILTINS.map((name) => importNodeBuiltin<unknown>(`node:${name}`))).then((imported) => {
    const missing = BUILTINS.filter((_, i) => !imported[i]);
    if (missing.length > 0)
      throw notSentFailure(
        `the Node transport could not load ${missing.map((name) => `node:${name}`).join(', ')}`,
        MODULE_UNAVAILABLE,
      );
    return Object.fromEntries(BUILTINS.map((name, i) => [name, imported[i]])) as unknown as NodeModules;
  });
}

/** Accept-Encoding sent, and the decoders that undo each. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Node's incoming headers (lower-case names) behind the `get()` the client reads. */
class NodeHeaders implements ResponseHeaders {
  readonly #raw: Http.IncomingHttpHeaders;
  constructor(raw: Http.IncomingHttpHeaders) {
    this.#raw = raw;
  }
  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
}

interface Agents {
  readonly direct: { readonly http: Http.Agent; readonly https: Http.Agent };
  /** CONNECT tunnels, one keep-alive agent per proxy (its label and credentials). */
  readonly tunnels: Map<ProxyServer, Http.Agent>;
}

/** How one request travels: straight to its host, in absolute form to a proxy, or through a tunnel. */
interface Route {
  readonly module: typeof Http;
  readonly agent: Http.Agent;
  /** Set when the request goes through a proxy. */
  readonly proxy?: ProxyServer;
  /** The request is sent to the proxy with the whole URL as its path (an http endpoint through a proxy). */
  readonly absolute?: boolean;
}

/** Request option that tells a tunnel agent how long the CONNECT may take (the attempt's timeout). */
const TUNNEL_TIMEOUT = 'volcTunnelTimeout';

/** Code of a proxy's refusal (a 4xx answer to CONNECT, or a 407): not retried, nothing was sent. */
const PROXY_REFUSED = 'ERR_VOLC_PROXY_REFUSED';
/** Code of any other answer to CONNECT but 2xx (a 502: the proxy could not reach the endpoint): retried. */
const PROXY_TUNNEL_FAILED = 'ERR_VOLC_PROXY_TUNNEL';
/** Code of a proxy variable or option that cannot be used: not retried, nothing was sent. */
const PROXY_INVALID = 'ERR_VOLC_PROXY_INVALID';

/** Code of a module the transport needs that this runtime does not have: not retried, nothing was sent. */
const MODULE_UNAVAILABLE = 'ERR_VOLC_MODULE_UNAVAILABLE';

/** A failure before any byte of the request reached the endpoint (a proxy's, or a module missing). */
function notSentFailure(message: string, code: string | undefined, cause?: unknown): TransportError {
  const error = cause ?? Object.assign(new Error(message), { code });
  return new TransportError(message, { kind: 'network', requestSent: false, cause: error });
}

/** The error for a proxy that answered a status other than the request's own (a CONNECT refused, a 407). */
function proxyRefused(proxy: ProxyServer, status: number, statusText: string | undefined): TransportError {
  const login =
    status === 407 ? (proxy.authorization ? ': check its user and password' : ': it wants a user and password') : '';
  return notSentFailure(
    `proxy ${proxy.label} refused the request: HTTP ${status}${statusText ? ` ${statusText}` : ''}${login}`,
    status >= 400 && status < 500 ? PROXY_REFUSED : PROXY_TUNNEL_FAILED,
  );
}

/**
 * A keep-alive agent whose connections are CONNECT tunnels through `proxy`, with TLS to the endpoint over
 * them (node:http's documented asynchronous `createConnection`): what an https endpoint behind a proxy
 * needs, in node:http, node:https and node:tls alone, so a single-file bundle carries all of it.
 */
function tunnelAgent(loaded: NodeModules, proxy: ProxyServer, maxSockets: number): Http.Agent {
  const agent = new loaded.https.Agent({ keepAlive: true, maxSockets });
  const open = (options: Tls.ConnectionOptions & Record<string, unknown>, callback: TunnelCallback) => {
    openTunnel(loaded, proxy, options, callback);
    return undefined;
  };
  Object.assign(agent, { createConnection: open });
  return agent;
}

type TunnelCallback = (error: Error | null, socket?: Net.Socket) => void;

function openTunnel(
  loaded: NodeModules,
  proxy: ProxyServer,
  options: Tls.ConnectionOptions & Record<string, unknown>,
  callback: TunnelCallback,
): void {
  const host = String(options.host);
  const target = `${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  const connect = (proxy.secure ? loaded.https : loaded.http).request({
    host: proxy.host,
    port: proxy.port,
    method: 'CONNECT',
    path: target,
    agent: false,
    headers: { Host: target, ...(proxy.authorization ? { 'Proxy-Authorization': proxy.authorization } : {}) },
    ...(proxy.secure && loaded.net.isIP(proxy.host) === 0 ? { servername: proxy.host } : {}),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settled = false;
  const settle = (error: Error | null, socket?: Net.Socket) => {
    if (settled) return;
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    callback(error, socket);
  };
  const ms = options[TUNNEL_TIMEOUT];
  if (typeof ms === 'number' && isTimerLimit(ms)) {
    // The request's own deadline rejects the call; this only closes the CONNECT left behind.
    timer = setTimeout(() => {
      connect.destroy();
      settle(notSentFailure(`proxy ${proxy.label} did not answer CONNECT ${target} in time`, 'ETIMEDOUT'));
    }, ms);
  }
  connect.once('connect', (response, socket: Net.Socket, head: Buffer) => {
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      socket.destroy();
      settle(proxyRefused(proxy, status, response.statusMessage));
      return;
    }
    if (head.length > 0) socket.unshift(head);
    const { path: _path, [TUNNEL_TIMEOUT]: _timeout, ...tlsOptions } = options;
    settle(null, loaded.tls.connect({ ...tlsOptions, socket }));
  });
  connect.on('error', (error) =>
    settle(notSentFailure(`connecting to proxy ${proxy.label} failed: ${error.message}`, undefined, error)),
  );
  connect.end();
}

/**
 * A transport over node:http / node:https with one keep-alive agent per scheme (and per proxy), so
 * calls reuse connections, at most `maxSockets` per endpoint. Share it across calls and clients;
 * `close()` lets the requests in flight end, then destroys the agents and the connections they keep.
 *
 * @throws {TypeError} `proxy` is not a usable http(s) proxy URL
 * @throws {RangeError} `maxSockets` is neither a positive integer nor `Infinity`
 */
export function createNodeTransport(options: NodeTransportOptions = {}): PooledTransport {
  const selectProxy: ProxySelector | undefined = proxySelector(options.proxy);
  const maxSockets = checkMaxSockets(options.maxSockets);
  let agents: Agents | undefined;
  // The origin of the last direct request, parsed once: a client sends every call to one endpoint.
  let origin: Origin | undefined;

  const send: HttpTransport = async (request) => {
    modules ??= loadModules();
    const loaded = modules instanceof Promise ? (modules = await modules) : modules;
    agents ??= {
      direct: {
        http: new loaded.http.Agent({ keepAlive: true, maxSockets }),
        https: new loaded.https.Agent({ keepAlive: true, maxSockets }),
      },
      tunnels: new Map(),
    };
    if (selectProxy === undefined) {
      // Direct, to an origin already parsed, with a path and query that parsing would leave as they are:
      // request options built without a URL object (what `new URL` and node's `urlToHttpOptions` give).
      const split = splitPlainUrl(request.url);
      if (split !== undefined) {
        if (origin?.key !== split.key) origin = originOf(split.key);
        if (origin.options !== undefined) {
          const { secure } = origin;
          const route = {
            module: secure ? loaded.https : loaded.http,
            agent: secure ? agents.direct.https : agents.direct.http,
          };
          return exchange(loaded, route, { ...origin.options, path: split.path }, request);
        }
      }
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (cause) {
      throw new TransportError('invalid request URL', { kind: 'request', requestSent: false, cause });
    }
    const secure = url.protocol === 'https:';
    let proxy: ProxyServer | undefined;
    try {
      proxy = selectProxy?.(url);
    } catch (cause) {
      throw notSentFailure((cause as Error).message, PROXY_INVALID);
    }
    let route: Route;
    if (proxy === undefined) {
      route = { module: secure ? loaded.https : loaded.http, agent: secure ? agents.direct.https : agents.direct.http };
    } else if (secure) {
      let agent = agents.tunnels.get(proxy);
      if (!agent) agents.tunnels.set(proxy, (agent = tunnelAgent(loaded, proxy, maxSockets)));
      route = { module: loaded.https, agent, proxy };
    } else {
      const { https, http } = agents.direct;
      route = {
        module: proxy.secure ? loaded.https : loaded.http,
        agent: proxy.secure ? https : http,
        proxy,
        absolute: true,
      };
    }
    return exchange(loaded, route, url, request);
  };
  return closable(send, () => {
    if (!agents) return;
    agents.direct.http.destroy();
    agents.direct.https.destroy();
    for (const tunnel of agents.tunnels.values()) tunnel.destroy();
  });
}

/** An endpoint's scheme, host and port as request options, parsed once per endpoint. */
interface Origin {
  /** `http://host:port`, as the request URL starts. */
  readonly key: string;
  readonly secure: boolean;
  /** Undefined when the origin is not plain (a user, an IPv6 address, a default port): parsed on every request. */
  readonly options: { readonly protocol: string; readonly hostname: string; readonly port?: number } | undefined;
}

/**
 * A path (`/`, `/a/b`) and query (RFC 3986 unreserved characters, `%XX`, `=`, `&`, `+`) that the URL parser
 * would leave as they are: no dot segments, nothing to percent-encode, no fragment. The client's URLs are
 * made of the endpoint's path and the canonical query string, so they always are.
 */
const PLAIN_PATH_AND_QUERY = /^(?:\/[\w~-]*)+(?:\?[\w.~%=&+-]*)?$/;
/** `http(s)://host[:port]` with a plain host name or IPv4 address: no user, no IPv6 brackets. */
const PLAIN_ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;

function splitPlainUrl(url: string): { key: string; path: string } | undefined {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  if (slash < 0) return undefined;
  const path = url.slice(slash);
  return PLAIN_PATH_AND_QUERY.test(path) ? { key: url.slice(0, slash), path } : undefined;
}

function originOf(key: string): Origin {
  const notPlain = { key, secure: false, options: undefined };
  if (!PLAIN_ORIGIN.test(key)) return notPlain;
  let url: URL;
  try {
    url = new URL(`${key}/`);
  } catch {
    return notPlain;
  }
  // Only when the parser keeps the origin as written (no default port to drop, a host already lower case).
  if (url.origin !== key) return notPlain;
  return {
    key,
    secure: url.protocol === 'https:',
    options: { protocol: url.protocol, hostname: url.hostname, ...(url.port !== '' ? { port: Number(url.port) } : {}) },
  };
}

/** Where a request goes: a parsed URL, or request options of a direct request built without one. */
type Target =
  | URL
  | { readonly protocol: string; readonly hostname: string; readonly port?: number; readonly path: string };

function exchange(loaded: NodeModules, route: Route, url: Target, request: HttpRequest): Promise<HttpResponse> {
  const { module, agent, proxy } = route;
  const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const { signal } = request;
  if (signal?.aborted) return Promise.reject(signal.reason as unknown);

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let req: Http.ClientRequest | undefined;
    let onAbort: (() => void) | undefined;

    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      return true;
    };
    /** Rejects and closes the connection: a half-read response must not go back to the pool. */
    const fail = (error: unknown) => {
      if (!finish()) return;
      req?.destroy();
      reject(error);
    };
    const via = proxy ? ` (through proxy ${proxy.label})` : '';
    const networkError = (error: unknown, sent: boolean) =>
      error instanceof TransportError
        ? error
        : new TransportError(`${error instanceof Error ? error.message : String(error)}${via}`, {
            kind: 'network',
            requestSent: sent && mayHaveSent(error),
            reusedConnection: req?.reusedSocket ?? false,
            cause: error,
          });

    const headers: Record<string, string | number> = { 'Accept-Encoding': ACCEPT_ENCODING, ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body);
    try {
      if (!(url instanceof URL)) {
        req = module.request({ ...url, method: request.method, headers, agent });
      } else if (proxy && route.absolute) {
        // To the proxy, with the whole URL as the path and the endpoint's Host (the one signed).
        headers.Host = url.host;
        if (proxy.authorization) headers['Proxy-Authorization'] = proxy.authorization;
        req = module.request({
          host: proxy.host,
          port: proxy.port,
          path: url.href,
          method: request.method,
          headers,
          agent,
          ...(proxy.secure ? { servername: loaded.net.isIP(proxy.host) === 0 ? proxy.host : '' } : {}),
        });
      } else {
        const tunnel = proxy && isTimerLimit(request.timeout) ? { [TUNNEL_TIMEOUT]: request.timeout } : {};
        req = module.request(url, { method: request.method, headers, agent, ...tunnel });
      }
    } catch (cause) {
      // Invalid header names or values, an unsupported method: thrown before anything is sent.
      reject(
        new TransportError(
          `the request could not be built: ${cause instanceof Error ? cause.message : String(cause)}`,
          { kind: 'request', requestSent: false, cause },
        ),
      );
      return;
    }

    if (isTimerLimit(request.timeout)) {
      const ms = request.timeout;
      // Without a socket yet, the request still waits in the agent's queue (maxSockets): nothing was sent.
      timer = setTimeout(
        () => fail(new DeadlineReached('attempt', ms, req?.socket ? undefined : false)),
        Math.max(0, ms),
      );
    }
    if (signal) {
      onAbort = () => fail(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }

    req.on('error', (error) => fail(networkError(error, true)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const responseHeaders = new NodeHeaders(res.headers);
      if (isRedirectStatus(status)) {
        fail(redirectError(status, responseHeaders, request.url));
        return;
      }
      if (status === 407 && proxy && route.absolute) {
        fail(proxyRefused(proxy, status, res.statusMessage));
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (declared > maxBytes) {
        fail(tooLargeError(status, responseHeaders, maxBytes));
        return;
      }
      const decoders = NULL_BODY_STATUSES.has(status) ? [] : decodersFor(loaded, res.headers['content-encoding']);
      if (decoders === undefined) {
        fail(
          networkError(
            new Error(
              `too many content-encodings in the response (at most ${MAX_CONTENT_CODINGS}): ${res.headers['content-encoding']}`,
            ),
            true,
          ),
        );
        return;
      }
      let body: NodeJS.ReadableStream = res;
      for (const decoder of decoders) {
        body = body.pipe(decoder);
        decoder.on('error', (error) => fail(networkError(error, true)));
      }
      const chunks: Buffer[] = [];
      let received = 0;
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          for (const decoder of decoders) decoder.destroy();
          fail(tooLargeError(status, responseHeaders, maxBytes));
          return;
        }
        chunks.push(chunk);
      });
      body.on('end', () => {
        if (!finish()) return;
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        // fetch's TextDecoder drops one leading byte-order mark; so does this transport.
        resolve({ status, headers: responseHeaders, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
      });
      res.on('error', (error) => fail(networkError(error, true)));
      // A connection closed before the body's end (`end` never comes).
      res.on('close', () => {
        if (!res.complete)
          fail(
            networkError(
              Object.assign(new Error('the connection closed before the response ended'), { code: 'ECONNRESET' }),
              true,
            ),
          );
      });
    });
    req.end(request.body);
  });
}

/** Statuses whose answer has no body, which fetch never decodes. */
const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/** The most content codings undone for one response, as in undici's fetch (more fail the exchange). */
const MAX_CONTENT_CODINGS = 5;

/**
 * The decompressors a response's `Content-Encoding` asks for, in the order to apply them; undefined when it
 * lists more than {@link MAX_CONTENT_CODINGS}. The rules are undici's (what `fetch` does on Node), so both
 * transports read the same bytes the same way: codings are case-insensitive and undone last first; a
 * coding this transport does not know (`identity` included) leaves the body as sent; decoding is lenient
 * as in browsers and curl (an empty or cut-short body gives what could be decoded, not an error); `deflate`
 * accepts a zlib stream or a raw one. zstd is left out (not asked for in `Accept-Encoding`, and fetch
 * decodes it on some Node versions only).
 */
function decodersFor(loaded: NodeModules, header: string | undefined): Stream.Transform[] | undefined {
  const { zlib } = loaded;
  if (!header) return [];
  const codings = header.toLowerCase().split(',');
  if (codings.length > MAX_CONTENT_CODINGS) return undefined;
  const { constants } = zlib;
  const lenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
  const decoders: Stream.Transform[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i]!.trim();
    if (coding === 'gzip' || coding === 'x-gzip') decoders.push(zlib.createGunzip(lenient));
    else if (coding === 'deflate') decoders.push(inflateAny(loaded.stream, zlib, lenient));
    else if (coding === 'br')
      decoders.push(
        zlib.createBrotliDecompress({
          flush: constants.BROTLI_OPERATION_FLUSH,
          finishFlush: constants.BROTLI_OPERATION_FLUSH,
        }),
      );
    else return [];
  }
  return decoders;
}

/**
 * `Content-Encoding: deflate` as servers send it: a zlib stream as the RFC says, or a raw deflate stream,
 * told apart by the first byte as fetch does (a zlib header's low nibble is 8, the deflate method). The
 * inflater is picked when the first byte arrives.
 */
function inflateAny(stream: typeof Stream, zlib: typeof Zlib, options: Zlib.ZlibOptions): Stream.Transform {
  let inner: Zlib.Inflate | Zlib.InflateRaw | undefined;
  const decoder: Stream.Transform = new stream.Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!inner) {
        if (chunk.length === 0) return callback();
        inner = (chunk[0]! & 0x0f) === 0x08 ? zlib.createInflate(options) : zlib.createInflateRaw(options);
        inner.on('data', (data: Buffer) => decoder.push(data));
        inner.on('error', (error) => decoder.destroy(error));
      }
      inner.write(chunk, () => callback());
    },
    flush(callback) {
      if (!inner) return callback();
      inner.once('end', () => callback());
      inner.end();
    },
    destroy(error, callback) {
      inner?.destroy();
      callback(error);
    },
  });
  return decoder;
}
