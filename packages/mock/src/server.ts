import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadCatalog } from './catalog/catalog.js';
import {
  indexCredentials,
  MOCK_CREDENTIALS,
  newTemporaryCredentials,
  type IssuedCredentials,
  type MockCredentials,
} from './credentials.js';
import { defaultSpecDir } from './default-spec.js';
import { FaultQueue, type Fault } from './faults.js';
import { handleCall, type HandlerState } from './handler.js';
import { getOwn, setOwn } from './input/own.js';
import { listenTracked } from './listen.js';
import type { RecordedRequest } from './records.js';
import { ScriptBook, type ScriptOptions, type ScriptStep } from './scripts.js';
import { InputValidator } from './validation/validator.js';

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** Port to listen on. @default 0 (a free port) */
  readonly port?: number;
  /** Address to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Key pairs the mock accepts. @default {@link MOCK_CREDENTIALS} */
  readonly credentials?: MockCredentials | readonly MockCredentials[];
  /** Spec directory, file, or a list of either. @default the specs that ship with the package */
  readonly spec?: string | readonly string[];
  /** Check request signatures. Switch off only to poke the mock by hand. @default true */
  readonly verifySignatures?: boolean;
  /** Largest accepted distance between `X-Date` and the server clock. @default 900000 (15 minutes) */
  readonly maxSkewMs?: number;
  /** Runs the server clock this far ahead (or, negative, behind) of the machine's. @default 0 */
  readonly clockOffsetMs?: number;
  /**
   * Lifetime in seconds of temporary credentials the mock issues. When set, STS AssumeRole and
   * AssumeRoleWithOIDC answer with a fresh key pair each time (for expiry and refresh tests); else
   * with the spec example's pair. Either way the mock accepts the pair afterwards. @default 3600 for {@link MockServer.issueCredentials}
   */
  readonly issuedCredentialsTtl?: number;
  /** Called once per answered request with a one-line summary (no headers, no secrets). */
  readonly onRequest?: (summary: string, request: RecordedRequest) => void;
  /**
   * Largest request body read, in bytes. A larger one is answered 413 `RequestEntityTooLarge` as soon as
   * its `Content-Length` (or, chunked, its running size) says so; the server reads no more of it and
   * closes the connection. @default 16777216 (16 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * How many requests {@link MockServer.requests} keeps: the newest, the oldest dropped first. `0` keeps
   * none, `Infinity` every one (memory then grows with every call). @default 1000
   */
  readonly maxRecordedRequests?: number;
}

/** Default of {@link MockServerOptions.maxBodyBytes}: 16 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Default of {@link MockServerOptions.maxRecordedRequests}. */
export const DEFAULT_MAX_RECORDED_REQUESTS = 1000;

/** Options of {@link MockServer.setItems}. */
export interface SetItemsOptions {
  /** Signing name of the service, when several services have an action of that name. */
  readonly service?: string;
}

/** A running mock. */
export interface MockServer {
  /** Base URL, for example `http://127.0.0.1:8787`; use it as a client's `endpoint`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The first accepted key pair; pass it as a client's `credentials`. */
  readonly credentials: MockCredentials;
  /** Signing names of the services loaded from the spec. */
  readonly services: readonly string[];
  /** Number of actions loaded. */
  readonly actionCount: number;
  /**
   * The requests received since start or the last {@link reset}, oldest first: the last
   * `maxRecordedRequests` (1000 by default) of them.
   */
  readonly requests: readonly RecordedRequest[];
  /** The recorded requests of one action. */
  requestsFor(action: string): RecordedRequest[];
  /**
   * Makes the next call(s) of `action` (or `*` for any) fail or misbehave, for example
   * `failNext('DescribeX', { code: 'FlowLimitExceeded', times: 2, retryAfter: 1 })`.
   * Faults apply after routing and signature checks, before input validation.
   */
  failNext(action: string, fault?: Fault): void;
  /** Uses left of queued faults. */
  readonly pendingFaults: number;
  clearFaults(): void;
  /**
   * Answers the next calls of `action` with `steps`, one call after another (a step with `times` answers
   * that many): `script('DescribeInstances', [{ result: creating, times: 2 }, { result: running }])`. The
   * last step stays. Steps advance per call, never with time, so a waiter's test needs no clock. Calls are
   * still routed, signed and validated first; `options.when` picks the calls by input, one script per resource.
   */
  script(action: string, steps: readonly ScriptStep[], options?: ScriptOptions): void;
  /** Serves `items` across the pages of a paginated action (page-number or token style). */
  setItems(action: string, items: readonly unknown[], options?: SetItemsOptions): void;
  /**
   * A fresh temporary key pair that the mock accepts until it expires (`ttlSeconds`, default the
   * `issuedCredentialsTtl` option or 3600): what the instance-metadata and SSO test servers hand out.
   */
  issueCredentials(ttlSeconds?: number): IssuedCredentials;
  /** Moves the server clock relative to the machine's, for clock-skew tests. */
  setClockOffset(ms: number): void;
  /** Forgets recorded requests, faults, datasets, scripts and clock offset. */
  reset(): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Date, X-Content-Sha256, X-Security-Token',
  'access-control-expose-headers': 'Date, Retry-After, X-Tt-Logid',
  'access-control-max-age': '600',
};

/**
 * Starts a local Volcengine-compatible endpoint for the actions in `spec`: it verifies signatures,
 * validates input with the spec's rules and answers with the spec's examples or schema-built results.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const catalog = loadCatalog(options.spec ?? defaultSpecDir());
  const credentialList =
    options.credentials === undefined
      ? [MOCK_CREDENTIALS]
      : Array.isArray(options.credentials)
        ? options.credentials
        : [options.credentials as MockCredentials];
  const first = credentialList[0];
  if (!first) throw new Error('credentials must hold at least one key pair');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    throw new RangeError(`maxBodyBytes must be a non-negative integer (got ${maxBodyBytes})`);
  const maxRecorded = options.maxRecordedRequests ?? DEFAULT_MAX_RECORDED_REQUESTS;
  if (!(Number.isSafeInteger(maxRecorded) || maxRecorded === Number.POSITIVE_INFINITY) || maxRecorded < 0)
    throw new RangeError(`maxRecordedRequests must be a non-negative integer or Infinity (got ${maxRecorded})`);

  const faults = new FaultQueue();
  const datasets = new Map<string, readonly unknown[]>();
  const scripts = new ScriptBook();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let clockOffset = options.clockOffsetMs ?? 0;
  let closing = false;

  const accepted = indexCredentials(credentialList);
  const issueCredentials = (ttlSeconds = options.issuedCredentialsTtl ?? 3600): IssuedCredentials => {
    const { expiresAt, ...issued } = newTemporaryCredentials(ttlSeconds, Date.now() + clockOffset);
    accepted.set(issued.AccessKeyId, {
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      sessionToken: issued.SessionToken,
      expiresAt,
    });
    return issued;
  };
  const state: HandlerState = {
    catalog,
    validator: new InputValidator(catalog),
    faults,
    credentials: accepted,
    issueCredentials: () => issueCredentials(),
    freshStsCredentials: options.issuedCredentialsTtl !== undefined,
    verifySignatures: options.verifySignatures ?? true,
    maxSkewMs: options.maxSkewMs ?? 15 * 60 * 1000,
    maxBodyBytes,
    datasets,
    scripts,
    now: () => Date.now() + clockOffset,
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
  };

  const server = createServer((req, res) => {
    serve(state, req, res, { requests, max: maxRecorded }, options.onRequest).catch(() => res.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  const { port, sockets } = await listenTracked(server, host, options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    credentials: first,
    services: [...catalog.services].sort(),
    actionCount: catalog.size,
    requests,
    requestsFor: (action) => requests.filter((r) => r.action === action),
    failNext: (action, fault = { code: 'InternalError' }) => faults.add(action, fault),
    get pendingFaults() {
      return faults.size;
    },
    clearFaults: () => faults.clear(),
    script: (action, steps, scriptOptions) => scripts.add(action, steps, scriptOptions),
    setItems: (action, items, setOptions) => {
      datasets.set(`${setOptions?.service ?? '*'}:${action}`, [...items]);
    },
    issueCredentials,
    setClockOffset: (ms) => {
      clockOffset = ms;
    },
    reset: () => {
      requests.length = 0;
      faults.clear();
      datasets.clear();
      scripts.clear();
      clockOffset = options.clockOffsetMs ?? 0;
    },
    close: () => {
      if (closing) return Promise.resolve();
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/**
 * Reads a request body of at most `limit` bytes. For a larger one (by its `Content-Length`, or once a
 * chunked body crosses the limit) it resolves to undefined at once, keeps nothing of it and stops
 * reading: the request stays paused, so the socket does too, until the answer closes the connection.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    req.pause();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData).off('end', onEnd);
      req.pause();
      chunks.length = 0;
      resolve(undefined);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

/** The request log: the newest `max` records. */
interface RequestLog {
  readonly requests: RecordedRequest[];
  readonly max: number;
}

async function serve(
  state: HandlerState,
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLog,
  onRequest: MockServerOptions['onRequest'],
): Promise<void> {
  const read = await readBody(req, state.maxBodyBytes);
  const body = read ?? Buffer.alloc(0);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS_HEADERS).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://mock.invalid');
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    // Own members only: a key named `__proto__` or `constructor` is recorded like any other.
    const existing = getOwn(query, key);
    setOwn(
      query,
      key,
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value],
    );
  }
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    path: url.pathname,
    query,
    headers: { ...req.headers },
    body: body.toString('utf8'),
    receivedAt: new Date(),
  };
  const { requests, max } = log;
  requests.push(record);
  // Oldest first out; at most one over, so this removes one record per call once the log is full.
  if (requests.length > max) requests.splice(0, requests.length - max);

  const tooLarge = read === undefined;
  const call = { method: record.method, url, headers: req.headers, body, ...(tooLarge ? { bodyTooLarge: true } : {}) };
  const reply = await handleCall(state, call, record);
  if (reply.kind === 'drop') {
    record.status = undefined;
    req.socket.destroy();
  } else if (!res.destroyed) {
    res.writeHead(reply.status, {
      ...CORS_HEADERS,
      ...reply.headers,
      'content-length': Buffer.byteLength(reply.body),
      // The rest of a refused body is never read: the connection cannot carry another request.
      ...(tooLarge ? { connection: 'close' } : {}),
    });
    res.end(reply.body);
  }
  onRequest?.(
    `${record.method} ${record.service || '-'} ${record.action || '-'} ${record.version || '-'} -> ${reply.kind === 'drop' ? 'dropped' : reply.status}${record.errorCode ? ` ${record.errorCode}` : ''}${record.fault ? ' (fault)' : ''}`,
    record,
  );
}
