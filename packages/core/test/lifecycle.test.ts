/**
 * Issue 23 item 4, a client's lifecycle: the socket cap (`maxSockets`, default 50) on both transports,
 * pools shared by clients with the same settings, `destroy()` and `Symbol.asyncDispose`. Sockets are
 * counted where they end: on a loopback server this file starts (its 'connection' events and the sockets
 * still open).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_MAX_SOCKETS,
  DeadlineReached,
  defaultTransport,
  TransportError,
  VolcAbortError,
  VolcClient,
  VolcError,
  VolcTimeoutError,
  type ClientConfig,
} from '../src/index.js';
import { openPools } from '../src/transport/pool.js';
import { OriginSlots, Slots } from '../src/transport/slots.js';
import { createAccessKey, describeThings } from './helpers/operations.js';
import { credentials } from './helpers/secrets.js';
import { DIRECT_FETCH, NODE_HTTP } from './helpers/transports.js';

const service = { service: 'redis', global: false };
const ENVELOPE = JSON.stringify({
  ResponseMetadata: { RequestId: 'rid', Action: 'DescribeThings', Version: '2020-12-07' },
  Result: { Total: 1 },
});

interface Pending {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

/**
 * A server that counts connections and can hold answers: with `hold`, requests wait in `pending` until
 * `release()` (or the hold's own rule) answers them.
 */
class CountingServer {
  readonly open = new Set<Socket>();
  connections = 0;
  received = 0;
  pending: Pending[] = [];
  /** Most requests waiting for their answer at one time. */
  mostPending = 0;
  /** Decides, after each request arrives, whether to answer everything waiting. */
  hold: ((pending: number) => boolean) | undefined;
  #closedWaiters: (() => void)[] = [];
  readonly #server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      this.received++;
      this.pending.push({ request, response });
      this.mostPending = Math.max(this.mostPending, this.pending.length);
      if (!this.hold || this.hold(this.pending.length)) this.release();
    });
  });
  url = '';

  async start(): Promise<void> {
    this.#server.keepAliveTimeout = 60_000;
    this.#server.on('connection', (socket: Socket) => {
      this.connections++;
      this.open.add(socket);
      socket.on('close', () => {
        this.open.delete(socket);
        if (this.open.size === 0) for (const done of this.#closedWaiters.splice(0)) done();
      });
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  release(): void {
    for (const { response } of this.pending.splice(0)) {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(ENVELOPE);
    }
  }

  /** Resolves when no client socket is open (the test's timeout is the failure). */
  allClosed(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#closedWaiters.push(resolve));
  }

  close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

// A new server (and port) per test: fetch's connection pool is undici's global one, which a test cannot
// empty; connections to an old test's port are never reused, so a socket the last test closed cannot fail
// a request of the next.
let server: CountingServer;
const made: VolcClient[] = [];

function client(config: ClientConfig = {}): VolcClient {
  const made1 = new VolcClient(service, { endpoint: server.url, credentials, logger: null, ...config });
  made.push(made1);
  return made1;
}

const call = (c: VolcClient, options = {}) => c.send(describeThings, {}, options);

beforeEach(async () => {
  server = new CountingServer();
  await server.start();
});
afterEach(async () => {
  await Promise.all(made.splice(0).map((c) => c.destroy()));
  await server.close();
});

describe.each([NODE_HTTP, DIRECT_FETCH])('the socket cap over $name', (transport) => {
  it(`300 calls at once on one client open at most ${DEFAULT_MAX_SOCKETS} connections`, async () => {
    const calls = 300;
    // Answers a batch once the cap's worth of requests waits (or every request still to come).
    server.hold = (pending) => pending >= DEFAULT_MAX_SOCKETS || pending === calls - (server.received - pending);
    const c = client(transport.config);
    const results = await Promise.all(Array.from({ length: calls }, () => call(c)));
    expect(results.every((r) => r.Total === 1)).toBe(true);
    expect(server.received).toBe(calls);
    expect(server.connections).toBeLessThanOrEqual(DEFAULT_MAX_SOCKETS);
    // The cap was reached, not merely respected by a client that sends one at a time.
    expect(server.mostPending).toBe(DEFAULT_MAX_SOCKETS);
  });

  it('maxSockets sets the cap', async () => {
    server.hold = (pending) => pending >= 3 || pending === 20 - (server.received - pending);
    const c = client({ ...transport.config, maxSockets: 3 });
    await Promise.all(Array.from({ length: 20 }, () => call(c)));
    expect(server.connections).toBeLessThanOrEqual(3);
    expect(server.mostPending).toBe(3);
  });

  it('a call waiting for a socket honours its signal and its timeout, and is never sent', async () => {
    server.hold = () => false;
    const c = client({ ...transport.config, maxSockets: 1, maxAttempts: 1 });
    const first = call(c);
    await vi.waitFor(() => expect(server.received).toBe(1));
    const controller = new AbortController();
    const aborted = call(c, { signal: controller.signal });
    const timedOut = call(c, { timeout: 30 });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toBeInstanceOf(VolcAbortError);
    await expect(timedOut).rejects.toBeInstanceOf(VolcTimeoutError);
    server.release();
    await expect(first).resolves.toMatchObject({ Total: 1 });
    expect(server.received).toBe(1);
  });

  it('a write that times out waiting for a socket was not sent: its outcome is known', async () => {
    server.hold = () => false;
    const c = client({ ...transport.config, maxSockets: 1, maxAttempts: 1 });
    const first = call(c);
    await vi.waitFor(() => expect(server.received).toBe(1));
    const queued = await c.send(createAccessKey, {}, { timeout: 30 }).catch((e: unknown) => e);
    expect(queued).toBeInstanceOf(VolcTimeoutError);
    expect((queued as VolcError).outcomeUnknown).toBeUndefined();
    server.release();
    await expect(first).resolves.toMatchObject({ Total: 1 });
    expect(server.received).toBe(1);
  });

  it('refuses a maxSockets that is not a positive integer or Infinity', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => client({ ...transport.config, maxSockets: bad }), String(bad)).toThrow(RangeError);
    expect(() => client({ ...transport.config, maxSockets: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});

describe.each([NODE_HTTP, DIRECT_FETCH])('shared pools and destroy() over $name', (transport) => {
  it('clients with the same settings share a pool and its cap; other settings get their own', async () => {
    const pools = openPools();
    const a = client({ ...transport.config, maxSockets: 2 });
    const b = client({ ...transport.config, maxSockets: 2 });
    expect(openPools()).toBe(pools + 1);
    server.hold = (pending) => pending >= 2 || pending === 6 - (server.received - pending);
    await Promise.all([a, a, a, b, b, b].map((c) => call(c)));
    expect(server.mostPending).toBe(2);
    const other = client({ ...transport.config, maxSockets: 3 });
    expect(openPools()).toBe(pools + 2);
    server.mostPending = 0;
    server.hold = (pending) => pending >= 5 || pending === 12 - (server.received - pending);
    await Promise.all([a, a, a, other, other, other].map((c) => call(c)));
    expect(server.mostPending).toBe(5);
  });

  it('destroying one client leaves the pool to the other; the last one closes it', async () => {
    const pools = openPools();
    const a = client(transport.config);
    const b = client(transport.config);
    await call(a);
    await a.destroy();
    await expect(call(b)).resolves.toMatchObject({ Total: 1 });
    if (transport === NODE_HTTP) expect(server.connections).toBe(1); // b reused a's connection
    expect(openPools()).toBe(pools + 1);
    await b.destroy();
    expect(openPools()).toBe(pools);
    if (transport === NODE_HTTP) await server.allClosed(); // fetch's connections belong to fetch
  });

  it('a call after destroy() rejects with a VolcError, sends nothing and is not retried', async () => {
    const c = client(transport.config);
    await c.destroy();
    const error = await call(c).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcError);
    expect((error as Error).message).toMatch(/redis DescribeThings was not sent: the client was destroyed/);
    expect(server.received).toBe(0);
  });

  it('calls in flight when destroy() is called end normally; the pool closes after them', async () => {
    server.hold = () => false;
    const c = client(transport.config);
    const running = call(c);
    await vi.waitFor(() => expect(server.received).toBe(1));
    let destroyed = false;
    const destroying = c.destroy().then(() => (destroyed = true));
    await expect(call(c)).rejects.toBeInstanceOf(VolcError);
    expect(destroyed).toBe(false);
    server.release();
    await expect(running).resolves.toMatchObject({ Total: 1 });
    await destroying;
    expect(c.destroy()).toBe(c.destroy()); // the same promise, once destroyed
  });

  it('await using destroys the client at the end of the block', async () => {
    const pools = openPools();
    let kept: VolcClient | undefined;
    {
      await using c = new VolcClient(service, { endpoint: server.url, credentials, logger: null, ...transport.config });
      kept = c;
      await call(c);
      expect(openPools()).toBe(pools + 1);
    }
    expect(openPools()).toBe(pools);
    await expect(call(kept)).rejects.toThrow(/the client was destroyed/);
  });
});

describe('destroy() over node:http', () => {
  it('100 short-lived clients, destroyed, leave no socket open', async () => {
    server.hold = (pending) => pending >= DEFAULT_MAX_SOCKETS || pending === 100 - (server.received - pending);
    const clients = Array.from({ length: 100 }, () => client());
    await Promise.all(clients.map((c) => call(c)));
    expect(server.open.size).toBeGreaterThan(0);
    expect(server.connections).toBeLessThanOrEqual(DEFAULT_MAX_SOCKETS);
    await Promise.all(clients.map((c) => c.destroy()));
    await server.allClosed();
    expect(server.open.size).toBe(0);
  });

  it('a transport the caller gives is never closed by the client', async () => {
    const transport = defaultTransport({ proxy: false });
    const c = client({ transport });
    await call(c);
    await c.destroy();
    const response = await transport({ url: `${server.url}/?Action=DescribeThings`, method: 'GET', headers: {} });
    expect(response.status).toBe(200);
    await transport.close();
    await server.allClosed();
    const refused = await transport({ url: `${server.url}/`, method: 'GET', headers: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransportError);
    expect(refused).toMatchObject({ kind: 'request', requestSent: false });
  });
});

describe('Slots (the fetch transport queue)', () => {
  it('gives slots back in arrival order', async () => {
    const slots = new Slots(1);
    expect(slots.tryTake()).toBe(true);
    expect(slots.tryTake()).toBe(false);
    const order: number[] = [];
    const first = slots.wait(undefined, undefined).then(() => order.push(1));
    const second = slots.wait(undefined, undefined).then(() => order.push(2));
    slots.give();
    await first;
    slots.give();
    await second;
    expect(order).toEqual([1, 2]);
    slots.give();
    expect(slots.tryTake()).toBe(true);
  });

  it('counts per origin: scheme, host and port', () => {
    const slots = new OriginSlots(1);
    const a = slots.of('http://127.0.0.1:1/?Action=A');
    expect(slots.of('http://127.0.0.1:1/other?x')).toBe(a);
    expect(slots.of('http://127.0.0.1:1?Action=B')).toBe(a);
    expect(slots.of('http://127.0.0.1:1')).toBe(a);
    const port10 = slots.of('http://127.0.0.1:10/');
    expect(port10).not.toBe(a);
    expect(slots.of('https://127.0.0.1:1/')).not.toBe(a);
    expect(slots.of('http://127.0.0.1:1/')).toBe(a);
    expect(slots.of('http://127.0.0.1:10/x')).toBe(port10);
  });

  it('a wait that times out or is aborted leaves the queue', async () => {
    vi.useFakeTimers();
    try {
      const slots = new Slots(1);
      slots.tryTake();
      const late = slots.wait(undefined, 100);
      const controller = new AbortController();
      const aborted = slots.wait(controller.signal, undefined);
      const next = slots.wait(undefined, undefined);
      vi.advanceTimersByTime(100);
      await expect(late).rejects.toBeInstanceOf(DeadlineReached);
      controller.abort(new Error('gone'));
      await expect(aborted).rejects.toThrow('gone');
      slots.give();
      vi.runAllTimers();
      await expect(next).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
