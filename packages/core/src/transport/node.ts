/**
 * The Node transport: node:http / node:https with keep-alive agents, the cheapest way Node has to make a
 * request (several times cheaper per call than `fetch`, see bench/). Bodies are decompressed here
 * (gzip, deflate, br) and counted after decompression; 3xx answers are never followed; proxies go
 * through `https-proxy-agent` (CONNECT) and `http-proxy-agent` (absolute-form), loaded only when a
 * proxy applies.
 *
 * Node modules are looked up at run time (`process.getBuiltinModule`, or a dynamic import on older
 * Nodes), so this file imports nothing from Node statically.
 */
import type * as Http from 'node:http';
import type * as Zlib from 'node:zlib';
import { importNodeBuiltin, nodeBuiltin } from '../runtime.js';
import { proxySelector, type ProxyOption, type ProxySelector } from './proxy.js';
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
}

interface NodeModules {
  readonly http: typeof Http;
  readonly https: typeof Http; // request() and Agent have the same shape
  readonly zlib: typeof Zlib;
}

let modules: NodeModules | Promise<NodeModules> | undefined;

function loadModules(): NodeModules | Promise<NodeModules> {
  const http = nodeBuiltin<typeof Http>('node:http');
  const https = nodeBuiltin<typeof Http>('node:https');
  const zlib = nodeBuiltin<typeof Zlib>('node:zlib');
  if (http && https && zlib) return { http, https, zlib };
  return Promise.all([
    importNodeBuiltin<typeof Http>('node:http'),
    importNodeBuiltin<typeof Http>('node:https'),
    importNodeBuiltin<typeof Zlib>('node:zlib'),
  ]).then(([h, s, z]) => {
    if (!h || !s || !z) throw new TypeError('node:http, node:https and node:zlib are needed by the Node transport');
    return { http: h, https: s, zlib: z };
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
  readonly proxied: Map<string, Promise<Http.Agent>>;
}

async function proxyAgent(proxyUrl: string, secure: boolean): Promise<Http.Agent> {
  // Variable specifiers: the CommonJS build keeps real import()s of these ESM-only packages.
  if (secure) {
    const specifier = 'https-proxy-agent';
    const { HttpsProxyAgent } = (await import(specifier)) as typeof import('https-proxy-agent');
    return new HttpsProxyAgent(proxyUrl, { keepAlive: true }) as unknown as Http.Agent;
  }
  const specifier = 'http-proxy-agent';
  const { HttpProxyAgent } = (await import(specifier)) as typeof import('http-proxy-agent');
  return new HttpProxyAgent(proxyUrl, { keepAlive: true }) as unknown as Http.Agent;
}

/**
 * A transport over node:http / node:https with one keep-alive agent per scheme (and per proxy), so
 * calls reuse connections. Make one per client and share it across calls.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): HttpTransport {
  const selectProxy: ProxySelector | undefined = proxySelector(options.proxy);
  let agents: Agents | undefined;

  return async (request) => {
    modules ??= loadModules();
    const loaded = modules instanceof Promise ? (modules = await modules) : modules;
    agents ??= {
      direct: { http: new loaded.http.Agent({ keepAlive: true }), https: new loaded.https.Agent({ keepAlive: true }) },
      proxied: new Map(),
    };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (cause) {
      throw new TransportError('invalid request URL', { kind: 'request', requestSent: false, cause });
    }
    const secure = url.protocol === 'https:';
    let agent = secure ? agents.direct.https : agents.direct.http;
    const proxy = selectProxy ? await selectProxy(url) : undefined;
    if (proxy !== undefined) {
      const key = `${secure ? 's' : ''} ${proxy}`;
      let pending = agents.proxied.get(key);
      if (!pending) agents.proxied.set(key, (pending = proxyAgent(proxy, secure)));
      agent = await pending;
    }
    return exchange(loaded, secure ? loaded.https : loaded.http, agent, url, request);
  };
}

function exchange(
  loaded: NodeModules,
  module: typeof Http,
  agent: Http.Agent,
  url: URL,
  request: HttpRequest,
): Promise<HttpResponse> {
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
    const networkError = (error: unknown, sent: boolean) =>
      error instanceof TransportError
        ? error
        : new TransportError(error instanceof Error ? error.message : String(error), {
            kind: 'network',
            requestSent: sent && mayHaveSent(error),
            reusedConnection: req?.reusedSocket ?? false,
            cause: error,
          });

    const headers: Record<string, string | number> = { 'Accept-Encoding': ACCEPT_ENCODING, ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body);
    try {
      req = module.request(url, { method: request.method, headers, agent });
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
      timer = setTimeout(() => fail(new DeadlineReached('attempt', ms)), Math.max(0, ms));
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
      const declared = Number(res.headers['content-length']);
      if (declared > maxBytes) {
        fail(tooLargeError(status, responseHeaders, maxBytes));
        return;
      }
      const body = decoded(loaded.zlib, res);
      const chunks: Buffer[] = [];
      let received = 0;
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          if (body !== res) body.destroy();
          fail(tooLargeError(status, responseHeaders, maxBytes));
          return;
        }
        chunks.push(chunk);
      });
      body.on('end', () => {
        if (!finish()) return;
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        resolve({ status, headers: responseHeaders, text });
      });
      body.on('error', (error) => fail(networkError(error, true)));
      if (body !== res) res.on('error', (error) => fail(networkError(error, true)));
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

/** The body stream, through a decompressor when the response is encoded. */
function decoded(zlib: typeof Zlib, res: Http.IncomingMessage): NodeJS.ReadableStream & { destroy(): void } {
  switch (res.headers['content-encoding']?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}
