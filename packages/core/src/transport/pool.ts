/**
 * Connection pools and their lifetime. A built-in transport owns a pool (node:http agents, or the cap on
 * requests in flight over fetch) and can close it ({@link PooledTransport}). Clients made with the same
 * transport settings share one pool ({@link leasePool}): a process with a hundred short-lived clients keeps
 * one set of connections, and the pool closes when the last client using it is destroyed.
 */
import { TransportError, type HttpTransport } from './types.js';

/** Default of `maxSockets`: connections (requests in flight over fetch) per endpoint. AWS's SDK settled on 50. */
export const DEFAULT_MAX_SOCKETS = 50;

/**
 * `maxSockets` as given, or the default.
 * @throws {RangeError} neither a positive integer nor `Infinity`
 */
export function checkMaxSockets(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_SOCKETS;
  if (value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= 1)) return value;
  throw new RangeError(`maxSockets must be a positive integer or Infinity (got ${value})`);
}

/** A transport that owns connections and can let them go. */
export interface PooledTransport extends HttpTransport {
  /**
   * Takes no more requests (later ones reject with a `TransportError` of kind `request`: nothing sent), lets
   * the requests in flight end, then closes the connections it keeps. Resolves once they are closed; calling
   * it again returns the same promise.
   */
  close(): Promise<void>;
}

/** Code of a request made to a closed transport. */
export const TRANSPORT_CLOSED = 'ERR_VOLC_TRANSPORT_CLOSED';

function closedError(): TransportError {
  const cause = Object.assign(new Error('the transport is closed'), { code: TRANSPORT_CLOSED });
  return new TransportError('the transport is closed', { kind: 'request', requestSent: false, cause });
}

/**
 * `send` with a `close()`: counts the requests in flight, and calls `release` (which closes the
 * connections; none for fetch, whose connections its implementation owns) once it is closed and the last
 * of them has ended.
 */
export function closable(send: HttpTransport, release?: () => void): PooledTransport {
  let inFlight = 0;
  let closing: Promise<void> | undefined;
  let drained: (() => void) | undefined;
  const ended = () => {
    if (--inFlight === 0) drained?.();
  };
  const transport = (request: Parameters<HttpTransport>[0]) => {
    if (closing) return Promise.reject(closedError());
    inFlight++;
    const response = send(request);
    response.then(ended, ended);
    return response;
  };
  const close = () =>
    (closing ??= (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve))).then(
      release,
    ));
  return Object.assign(transport, { close });
}

/** An id per `fetch` function, for pool keys (a function has no name to key by). */
const fetchIds = new WeakMap<typeof fetch, number>();
let lastFetchId = 0;

/** The pool key of a fetch transport: which `fetch` it sends through, and its cap. */
export function fetchPoolKey(fetchImpl: typeof fetch | undefined, maxSockets: number): string {
  if (!fetchImpl) return `fetch:global:${maxSockets}`;
  let id = fetchIds.get(fetchImpl);
  if (id === undefined) fetchIds.set(fetchImpl, (id = ++lastFetchId));
  return `fetch:${id}:${maxSockets}`;
}

/** A client's share of a pool. */
export interface PoolLease {
  readonly transport: HttpTransport;
  /** Gives the share back; the last one closes the pool. Resolves when that is done. Idempotent. */
  release(): Promise<void>;
}

interface SharedPool {
  readonly transport: PooledTransport;
  users: number;
}

/** Pools in use, by the settings that made them. Removed when their last user leaves. */
const pools = new Map<string, SharedPool>();

/**
 * A share of the pool made with the settings `key` stands for, made by `make` when none is open.
 * `key` must name every setting that changes how connections are made (it may hold proxy credentials:
 * it is never logged).
 */
export function leasePool(key: string, make: () => PooledTransport): PoolLease {
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = { transport: make(), users: 0 }));
  pool.users++;
  const shared = pool;
  let released: Promise<void> | undefined;
  return {
    transport: shared.transport,
    release() {
      if (released) return released;
      if (--shared.users > 0) return (released = Promise.resolve());
      if (pools.get(key) === shared) pools.delete(key);
      return (released = shared.transport.close());
    },
  };
}

/** How many pools are open (for tests and diagnostics). */
export function openPools(): number {
  return pools.size;
}
