import type { VolcClient } from './client.js';
import type { CallOptions } from './config.js';
import { isVolcServiceError } from './errors/service-error.js';
import { VolcWaiterFailureError, VolcWaiterTimeoutError } from './errors/waiter-error.js';
import type { Operation } from './operation.js';
import type { WithMetadata } from './transport/envelope.js';

/**
 * The time source of a waiter: where "now" comes from and how it pauses between polls. The default uses
 * `Date.now()` and `setTimeout`; tests pass their own to run a long wait without really waiting.
 */
export interface WaiterClock {
  /** Current time in ms (any fixed origin). */
  now(): number;
  /** Resolves after `ms` ms; rejects with `signal.reason` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1) for the jitter. @default Math.random */
  random?(): number;
}

/** Options of a `waitUntil...` call. Every duration is in milliseconds. */
export interface WaiterOptions {
  /** Longest time to wait in all, polls and pauses included. @default the waiter's own (see its docs) */
  maxWaitTime?: number;
  /** Shortest pause between two polls. @default the waiter's own */
  minDelay?: number;
  /** Longest pause between two polls; pauses grow from `minDelay` up to it. @default the waiter's own */
  maxDelay?: number;
  /** Stops waiting: the promise rejects with the signal's `reason` (during a pause or a poll). */
  signal?: AbortSignal;
  /** Options of each describe call (`timeout`, `maxAttempts`, ...); the waiter's `signal` is added to them. */
  callOptions?: Omit<CallOptions, 'signal'>;
  /** Replaces the clock (time, pauses, jitter), for tests. */
  clock?: WaiterClock;
}

/** Resolved value of a waiter that reached its success state. */
export interface WaiterResult<O> {
  readonly state: 'success';
  /** Describe calls made. */
  readonly attempts: number;
  /** Time spent, in ms, by the waiter's clock. */
  readonly elapsed: number;
  /** The status values of the last answer (empty when success came from an absent resource or an error code). */
  readonly lastStatus: readonly string[];
  /** The last answer, or undefined when success came from an error code (a deleted resource). */
  readonly output: WithMetadata<O> | undefined;
}

/**
 * How a generated waiter polls: written by the generator from the spec's `x-volc-waiters`. Not for users:
 * call the generated `waitUntil...` functions.
 */
export interface WaiterDefinition<I, O> {
  /** Name of the waiter, such as `InstanceRunning`. */
  readonly name: string;
  /** The describe action polled. */
  readonly operation: Operation<I, O>;
  /**
   * Where the status is, as member names from the result down; a name ending in `[]` is a list whose items
   * are all read (`['Instances[]', 'Status']` reads the status of every instance).
   */
  readonly path: readonly string[];
  /** `all`: every status read must be a success value; `any`: one is enough. */
  readonly match: 'all' | 'any';
  readonly success: readonly string[];
  /** Values after which the success state cannot come: waiting stops with a {@link VolcWaiterFailureError}. */
  readonly failure?: readonly string[];
  /** When the answer holds no status at all (an empty list): `success` for delete waiters, else keep waiting. */
  readonly absent?: 'success' | 'retry';
  /** Error codes of the describe call that mean success (the resource is gone). */
  readonly successCodes?: readonly string[];
  /** Error codes of the describe call that mean "not yet" (the resource is not visible yet): keep waiting. */
  readonly retryCodes?: readonly string[];
  readonly minDelay: number;
  readonly maxDelay: number;
  readonly maxWaitTime: number;
}

const SYSTEM_CLOCK: WaiterClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
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
    }),
};

/**
 * The pause before poll number `attempt + 1` (`attempt` from 1), as AWS SDK v3's waiters choose it: a
 * random value between `minDelay` and `minDelay * 2^(attempt - 1)`, and `maxDelay` once that bound
 * passes `maxDelay`. In ms.
 */
export function waiterDelay(attempt: number, minDelay: number, maxDelay: number, random: () => number): number {
  const ceiling = Math.log2(maxDelay / minDelay) + 1;
  if (attempt > ceiling) return maxDelay;
  const upper = Math.min(maxDelay, minDelay * 2 ** (attempt - 1));
  return Math.round(minDelay + random() * (upper - minDelay));
}

/** Every status value at `path` in `result`, strings and numbers as strings, in the answer's order. */
export function statusValues(result: unknown, path: readonly string[]): string[] {
  let nodes: unknown[] = [result];
  for (const segment of path) {
    const each = segment.endsWith('[]');
    const name = each ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, name)) continue;
      const value = (node as Record<string, unknown>)[name];
      if (!each) next.push(value);
      else if (Array.isArray(value)) next.push(...value);
    }
    nodes = next;
  }
  return nodes.flatMap((v) => (typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : []));
}

function checkDuration(name: string, value: number, allowZero: boolean): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of ms (got ${value})`);
  }
}

/**
 * Polls `definition.operation` with `input` until the status at `definition.path` is a success value, then
 * resolves with the last answer. The first poll is immediate; later ones follow {@link waiterDelay}.
 *
 * @throws VolcWaiterFailureError when a failure value is read (checked before success values)
 * @throws VolcWaiterTimeoutError when `maxWaitTime` passes, or the next pause would end after it; it carries
 *   the last status and the number of calls
 * @throws the signal's `reason` when `options.signal` aborts
 * @throws RangeError when a duration is negative, not finite, or `minDelay` exceeds `maxDelay`
 * @throws the describe call's error when it is none of the codes the waiter knows (`successCodes`,
 *   `retryCodes`); the client has already retried it as it retries any call
 */
export async function waitUntil<I, O>(
  client: VolcClient,
  definition: WaiterDefinition<I, O>,
  input: I,
  options: WaiterOptions = {},
): Promise<WaiterResult<O>> {
  const minDelay = options.minDelay ?? definition.minDelay;
  const maxDelay = options.maxDelay ?? Math.max(definition.maxDelay, minDelay);
  const maxWaitTime = options.maxWaitTime ?? definition.maxWaitTime;
  checkDuration('minDelay', minDelay, false);
  checkDuration('maxDelay', maxDelay, false);
  checkDuration('maxWaitTime', maxWaitTime, true);
  if (minDelay > maxDelay) throw new RangeError(`minDelay (${minDelay}) must not exceed maxDelay (${maxDelay})`);

  const clock = options.clock ?? SYSTEM_CLOCK;
  const random = clock.random ?? Math.random;
  const signal = options.signal;
  const callOptions: CallOptions = { ...options.callOptions, ...(signal ? { signal } : {}) };
  const service = client.config.service;
  const action = definition.operation.action;
  const start = clock.now();
  const deadline = start + maxWaitTime;
  let attempts = 0;
  let lastStatus: string[] = [];
  const facts = () => ({
    waiter: definition.name,
    action,
    service,
    attempts,
    lastStatus,
    elapsed: clock.now() - start,
  });

  for (;;) {
    if (signal?.aborted) throw signal.reason;
    attempts++;
    let output: WithMetadata<O> | undefined;
    try {
      output = await client.send(definition.operation, input, callOptions);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const code = isVolcServiceError(error) ? error.code : undefined;
      if (code !== undefined && definition.successCodes?.includes(code)) {
        lastStatus = [];
        return { state: 'success', attempts, elapsed: clock.now() - start, lastStatus, output: undefined };
      }
      if (code === undefined || !definition.retryCodes?.includes(code)) throw error;
      lastStatus = [];
    }
    if (output !== undefined) {
      lastStatus = statusValues(output, definition.path);
      const failed = lastStatus.find((value) => definition.failure?.includes(value));
      if (failed !== undefined) throw new VolcWaiterFailureError({ ...facts(), state: failed });
      const succeeded =
        lastStatus.length === 0
          ? definition.absent === 'success'
          : definition.match === 'all'
            ? lastStatus.every((value) => definition.success.includes(value))
            : lastStatus.some((value) => definition.success.includes(value));
      if (succeeded) return { state: 'success', attempts, elapsed: clock.now() - start, lastStatus, output };
    }
    const delay = waiterDelay(attempts, minDelay, maxDelay, random);
    if (clock.now() + delay > deadline) throw new VolcWaiterTimeoutError({ ...facts(), maxWaitTime });
    await clock.sleep(delay, signal);
  }
}
