import { hasErrorKind, VolcError } from './volc-error.js';

/** What a waiter saw before it gave up: shared by its timeout and failure errors. */
export interface WaiterErrorInit {
  /** The waiter's name, such as `InstanceRunning`. */
  readonly waiter: string;
  /** The describe action it polled. */
  readonly action: string;
  readonly service: string;
  /** Describe calls made (each one possibly retried by the client). */
  readonly attempts: number;
  /**
   * The status values read from the last answer, in the order of the response (one per resource for a
   * list); empty when no answer was read yet or it held none.
   */
  readonly lastStatus: readonly string[];
  /** Time spent waiting, in ms, by the waiter's clock. */
  readonly elapsed: number;
}

function describe(values: readonly string[]): string {
  return values.length === 0 ? 'no status' : values.map((v) => JSON.stringify(v)).join(', ');
}

/** Fields common to the waiter errors, set once. */
function assign(error: VolcError, init: WaiterErrorInit): void {
  const set = (key: string, value: unknown) =>
    Object.defineProperty(error, key, { value, enumerable: true, configurable: true, writable: false });
  set('waiter', init.waiter);
  set('action', init.action);
  set('service', init.service);
  set('attempts', init.attempts);
  set('lastStatus', Object.freeze([...init.lastStatus]));
  set('elapsed', init.elapsed);
}

/**
 * A waiter's `maxWaitTime` passed (or the next poll would end after it) before the resource reached a
 * success state. `lastStatus` holds what the last answer said; `attempts` how many describe calls were made.
 */
export class VolcWaiterTimeoutError extends VolcError {
  protected static override readonly errorKind: string = 'VolcWaiterTimeoutError';

  declare readonly waiter: string;
  declare readonly action: string;
  declare readonly service: string;
  declare readonly attempts: number;
  declare readonly lastStatus: readonly string[];
  declare readonly elapsed: number;
  /** The `maxWaitTime` that was exceeded, in ms. */
  readonly maxWaitTime: number;

  constructor(init: WaiterErrorInit & { readonly maxWaitTime: number }) {
    super(
      `${init.service} ${init.waiter}: still not there after ${init.maxWaitTime} ms and ${init.attempts} ` +
        `${init.attempts === 1 ? 'call' : 'calls'} of ${init.action}; last status: ${describe(init.lastStatus)}`,
    );
    this.name = 'VolcWaiterTimeoutError';
    this.maxWaitTime = init.maxWaitTime;
    assign(this, init);
  }
}

/**
 * A waiter read a failure state (the resource will not reach the awaited state, such as `CreateFailed`), or
 * the describe call failed with an error code the waiter treats as failure.
 */
export class VolcWaiterFailureError extends VolcError {
  protected static override readonly errorKind: string = 'VolcWaiterFailureError';

  declare readonly waiter: string;
  declare readonly action: string;
  declare readonly service: string;
  declare readonly attempts: number;
  declare readonly lastStatus: readonly string[];
  declare readonly elapsed: number;
  /** The failure value that was read. */
  readonly state: string;

  constructor(init: WaiterErrorInit & { readonly state: string }) {
    super(
      `${init.service} ${init.waiter}: ${init.action} reports the failure state ${JSON.stringify(init.state)} ` +
        `after ${init.attempts} ${init.attempts === 1 ? 'call' : 'calls'}; last status: ${describe(init.lastStatus)}`,
    );
    this.name = 'VolcWaiterFailureError';
    this.state = init.state;
    assign(this, init);
  }
}

/** Narrows an unknown error to a {@link VolcWaiterTimeoutError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcWaiterTimeoutError(error: unknown): error is VolcWaiterTimeoutError {
  return hasErrorKind(error, 'VolcWaiterTimeoutError');
}

/** Narrows an unknown error to a {@link VolcWaiterFailureError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcWaiterFailureError(error: unknown): error is VolcWaiterFailureError {
  return hasErrorKind(error, 'VolcWaiterFailureError');
}
