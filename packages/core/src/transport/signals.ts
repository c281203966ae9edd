/**
 * Abort-signal plumbing without `AbortSignal.any`, which is missing in some runtimes the SDK supports
 * and slow in Node 20. Every signal made here is paid for on every call, so there are as few as can be:
 * none when the caller gives no signal and no deadline applies.
 */

/** The abort reason of a deadline, so the request loop can tell a timeout from a caller's abort. */
export class DeadlineReached extends Error {
  readonly scope: 'attempt' | 'total';
  readonly ms: number;
  /** False when the request was still waiting for a connection (`maxSockets`): nothing was sent. */
  readonly requestSent: false | undefined;
  constructor(scope: 'attempt' | 'total', ms: number, requestSent?: false) {
    super(`${scope === 'attempt' ? 'attempt' : 'call'} deadline of ${ms} ms reached`);
    this.name = 'TimeoutError';
    this.scope = scope;
    this.ms = ms;
    this.requestSent = requestSent;
  }
}

/** Longest delay `setTimeout` honours (about 24.8 days); a longer limit is treated as none. */
export const MAX_TIMER_MS = 2_147_483_647;

/** True when `ms` is a limit a timer can enforce. */
export function isTimerLimit(ms: number | undefined): ms is number {
  return ms !== undefined && ms <= MAX_TIMER_MS;
}

export interface DeadlineSignal {
  /** Aborts with the parent's reason, or with {@link DeadlineReached} once the limit passes. */
  readonly signal: AbortSignal | undefined;
  /** Clears the timer and the listener on the parent. */
  dispose(): void;
}

const NOTHING_TO_DISPOSE = () => {};

/**
 * `parent` limited to `ms`: one controller, one timer, and one listener when there is a parent. Without a
 * limit the parent itself is returned, unlinked (possibly undefined).
 */
export function withDeadline(
  parent: AbortSignal | undefined,
  ms: number | undefined,
  scope: 'attempt' | 'total',
): DeadlineSignal {
  if (!isTimerLimit(ms)) return { signal: parent, dispose: NOTHING_TO_DISPOSE };
  const controller = new AbortController();
  if (parent?.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, dispose: NOTHING_TO_DISPOSE };
  }
  const timer = setTimeout(() => controller.abort(new DeadlineReached(scope, ms)), Math.max(0, ms));
  const onParentAbort = () => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };
  parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** `promise`, or a rejection with the signal's reason as soon as the signal aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
