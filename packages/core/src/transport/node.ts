/**
 * The Node transport: node:http / node:https with keep-alive agents, the cheapest way Node has to make a
 * request (several times cheaper per call than `fetch`, see bench/). Bodies are decompressed here
 * (gzip, deflate, br, by fetch's rules: see `decodersFor`) and counted after decompression, and a leading
 * byte-order mark is dropped as fetch's decoder does: both transports give the same answer for the same
 * bytes. 3xx answers are never followed; proxies go through `https-proxy-agent` (CONNECT) and
 * `http-proxy-agent` (absolute-form), loaded only when a proxy applies.
 *
 * Node modules are looked up at run time (`process.getBuiltinModule`, or a dynamic import on older
 * Nodes), so this file imports nothing from Node statically.
 */
import type * as Http from 'node:http';
import type * as Stream from 'node:stream';
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
  readonly stream: typeof Stream;
}

let modules: NodeModules | Promise<NodeModules> | undefined;

function loadModules(): NodeModules | Promise<NodeModules> {
  const http = nodeBuiltin<typeof Http>('node:http');
  const https = nodeBuiltin<typeof Http>('node:https');
  const zlib = nodeBuiltin<typeof Zlib>('node:zlib');
  const stream = nodeBuiltin<typeof Stream>('node:stream');
  if (http && https && zlib && stream) return { http, https, zlib, stream };
  return Promise.all([
    importNodeBuiltin<typeof Http>('node:http'),
    importNodeBuiltin<typeof Http>('node:https'),
    importNodeBuiltin<typeof Zlib>('node:zlib'),
    importNodeBuiltin<typeof Stream>('node:stream'),
  ]).then(([h, s, z, t]) => {
    if (!h || !s || !z || !t)
      throw new TypeError('node:http, node:https, node:zlib and node:stream are needed by the Node transport');
    return { http: h, https: s, zlib: z, stream: t };
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
