/**
 * The fetch transport's `maxSockets`: fetch has no such setting, so requests beyond the cap wait here, in
 * order, until one in flight ends. Over HTTP/1.1 a request in flight holds one connection, so capping
 * requests caps sockets as node:http's Agent does. Counted per endpoint (origin), as the Agent counts.
 */
import { checkMaxSockets, closable, type PooledTransport } from './pool.js';
import { DeadlineReached, isTimerLimit } from './signals.js';
import type { HttpRequest, HttpResponse } from './types.js';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
}

const nextMacrotask: (run: () => void) => void =
  typeof globalThis.setImmediate === 'function' ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);

/** Slots of one origin. */
export class Slots {
  #free: number;
  /** In arrival order; a Set so that a waiter that gives up leaves in O(1). */
  readonly #waiting = new Set<Waiter>();

  constructor(size: number) {
    this.#free = size;
  }

  /** Takes a slot if one is free; true when taken. */
  tryTake(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  /**
   * Waits for a slot and takes it. Rejects with the signal's reason when `signal` aborts first, and with
   * `DeadlineReached('attempt', timeout)` when `timeout` ms pass first; either way it leaves the queue.
   */
  wait(signal: AbortSignal | undefined, timeout: number | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as unknown);
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#waiting.delete(waiter);
      };
      const waiter: Waiter = {
        resolve: () => {
          settle();
          resolve();
        },
        reject: (reason) => {
          settle();
          reject(reason);
        },
      };
      const onAbort = () => waiter.reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      // A timeout below zero fires at once, as zero does.
      if (isTimerLimit(timeout))
        timer = setTimeout(() => waiter.reject(new DeadlineReached('attempt', timeout, false)), timeout);
      this.#waiting.add(waiter);
    });
  }

  /**
   * Gives a slot back: to the longest waiting request, else to the free count. A waiting request gets it
   * one macrotask later: undici's fetch puts a connection back in its pool only after the body has been
   * read, and a request sent in between would open a new connection instead of reusing that one.
   */
  give(): void {
    if (this.#waiting.size === 0) {
      this.#free++;
      return;
    }
    nextMacrotask(() => {
      for (const next of this.#waiting) {
        next.resolve();
        return;
      }
      this.#free++; // the waiters gave up meanwhile
    });
  }
}

/** Characters that end a URL's origin: `/`, `?`, `#`, or the end (NaN from charCodeAt past it). */
const ORIGIN_ENDS: ReadonlySet<number> = new Set([0x2f, 0x3f, 0x23, Number.NaN]);

/** Slots per origin, each of `size`. */
export class OriginSlots {
  readonly #size: number;
  readonly #byOrigin = new Map<string, Slots>();

  constructor(size: number) {
    this.#size = size;
  }

  /** The last origin asked for: a client sends to one, so most lookups end here without a new string. */
  #last: { readonly origin: string; readonly slots: Slots } | undefined;

  /** The slots of the origin of an absolute URL (`scheme://host:port`, read without parsing the URL). */
  of(url: string): Slots {
    const last = this.#last;
    if (last && url.startsWith(last.origin) && ORIGIN_ENDS.has(url.charCodeAt(last.origin.length))) return last.slots;
    const start = url.indexOf('//') + 2;
    let end = url.length;
    for (let i = start; i < url.length; i++) {
      if (ORIGIN_ENDS.has(url.charCodeAt(i))) {
        end = i;
        break;
      }
    }
    const origin = url.slice(0, end);
    let slots = this.#byOrigin.get(origin);
    if (!slots) this.#byOrigin.set(origin, (slots = new Slots(this.#size)));
    this.#last = { origin, slots };
    return slots;
  }
}

/**
 * A closable transport around `exchange` that keeps at most `maxSockets` requests per origin in flight
 * (default 50, `Infinity` for no cap). `exchange` gets the time the request arrived, so a wait for a slot
 * counts toward its attempt's timeout.
 *
 * @throws {RangeError} `maxSockets` is neither a positive integer nor `Infinity`
 */
export function cappedTransport(
  maxSockets: number | undefined,
  exchange: (request: HttpRequest, startedAt: number) => Promise<HttpResponse>,
): PooledTransport {
  const cap = checkMaxSockets(maxSockets);
  const slots = cap === Number.POSITIVE_INFINITY ? undefined : new OriginSlots(cap);
  return closable(async (request) => {
    const startedAt = Date.now();
    const origin = slots?.of(request.url);
    // wait() sets no timer for a limit past what setTimeout honours.
    if (origin && !origin.tryTake()) await origin.wait(request.signal, request.timeout);
    try {
      return await exchange(request, startedAt);
    } finally {
      origin?.give();
    }
  });
}
