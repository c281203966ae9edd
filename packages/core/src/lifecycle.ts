/**
 * A client's life: calls run until `destroy()`; after it, new calls are refused, the calls already
 * running end as they would have (retries included), and the client's share of its connection pool is
 * given back when the last of them settles.
 */
import { VolcError } from './errors/volc-error.js';

/**
 * `Symbol.asyncDispose`, or where the runtime has none yet the registered symbol Node 20 uses for it
 * (`Symbol.for('nodejs.asyncDispose')`), so a polyfill that reuses it finds the method.
 */
export const ASYNC_DISPOSE: typeof Symbol.asyncDispose =
  (Symbol as { asyncDispose?: typeof Symbol.asyncDispose }).asyncDispose ??
  (Symbol.for('nodejs.asyncDispose') as typeof Symbol.asyncDispose);

export class ClientLifecycle {
  readonly #service: string;
  readonly #release: (() => Promise<void>) | undefined;
  #inFlight = 0;
  #drained: (() => void) | undefined;
  #destroyed: Promise<void> | undefined;

  /** `release` gives the pool share back; undefined when the client owns nothing (a transport was given). */
  constructor(service: string, release: (() => Promise<void>) | undefined) {
    this.#service = service;
    this.#release = release;
  }

  get destroyed(): boolean {
    return this.#destroyed !== undefined;
  }

  /** @throws {VolcError} the client was destroyed; nothing is sent */
  refuseIfDestroyed(action: string): void {
    if (this.#destroyed)
      throw new VolcError(
        `${this.#service} ${action} was not sent: the client was destroyed (client.destroy()); make a new client to call again`,
      );
  }

  /**
   * Runs one call's attempts, counted as in flight.
   * @throws {VolcError} the client was destroyed before the call reached the network
   */
  async run<T>(action: string, attempts: () => Promise<T>): Promise<T> {
    this.refuseIfDestroyed(action);
    this.#inFlight++;
    try {
      return await attempts();
    } finally {
      if (--this.#inFlight === 0) this.#drained?.();
    }
  }

  /** Refuses new calls now; resolves once the calls in flight have settled and the pool share is given back. */
  destroy(): Promise<void> {
    this.#destroyed ??= (
      this.#inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.#drained = resolve))
    ).then(() => this.#release?.());
    return this.#destroyed;
  }
}
