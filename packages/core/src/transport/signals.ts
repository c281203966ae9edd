/** Abort-signal plumbing without `AbortSignal.any` (not in every runtime the SDK supports). */

export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Removes the listeners from the source signals. */
  dispose(): void;
}

/** A signal that aborts when any source does, with that source's reason. */
export function linkSignals(sources: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const present = sources.filter((s): s is AbortSignal => s !== undefined);
  const already = present.find((s) => s.aborted);
  if (already) {
    controller.abort(already.reason);
    return { signal: controller.signal, dispose() {} };
  }
  const listeners = present.map((source) => {
    const onAbort = () => controller.abort(source.reason);
    source.addEventListener('abort', onAbort, { once: true });
    return () => source.removeEventListener('abort', onAbort);
  });
  return {
    signal: controller.signal,
    dispose() {
      for (const remove of listeners) remove();
    },
  };
}

/** The abort reason of a deadline, so the request loop can tell a timeout from a caller's abort. */
export class DeadlineReached extends Error {
  readonly scope: 'attempt' | 'total';
  readonly ms: number;
  constructor(scope: 'attempt' | 'total', ms: number) {
    super(`${scope === 'attempt' ? 'attempt' : 'call'} deadline of ${ms} ms reached`);
    this.name = 'TimeoutError';
    this.scope = scope;
    this.ms = ms;
  }
}

/** A controller that aborts itself with {@link DeadlineReached} after `ms`; `clear()` cancels the timer. */
export function timeoutController(ms: number | undefined, scope: 'attempt' | 'total'): { signal: AbortSignal | undefined; clear(): void } {
  if (ms === undefined || !Number.isFinite(ms)) return { signal: undefined, clear() {} };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineReached(scope, ms)), Math.max(0, ms));
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
