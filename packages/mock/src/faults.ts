/**
 * What to do to the next calls of an action instead of (or before) answering normally. With only
 * `delayMs` or `skewDate`, the call is still answered normally, late or with a shifted `Date`.
 */
export interface Fault {
  /** How many calls the fault applies to. @default 1 */
  readonly times?: number;
  /** Answer with this error code, for example `FlowLimitExceeded` or `InternalError`. */
  readonly code?: string;
  /** HTTP status of the error answer. @default the code's usual status (429 for FlowLimitExceeded, ...) */
  readonly status?: number;
  /** Error message. @default the code's usual message */
  readonly message?: string;
  /** Sends `Retry-After` with this value (seconds, or an HTTP date). */
  readonly retryAfter?: number | string;
  /** Waits this long before answering (or dropping). */
  readonly delayMs?: number;
  /** Closes the connection without an answer. */
  readonly dropConnection?: boolean;
  /** Answers 200 with a body that is not valid JSON. */
  readonly malformedBody?: boolean;
  /** Shifts the answer's `Date` header by this many seconds (positive is later). */
  readonly skewDate?: number;
  /** Only calls to this service (signing name) are affected. */
  readonly service?: string;
}

interface PendingFault {
  readonly action: string;
  readonly fault: Fault;
  remaining: number;
}

/** Faults waiting for their calls, taken in the order they were added. */
export class FaultQueue {
  private pending: PendingFault[] = [];

  /** Queues `fault` for the next calls of `action` (`*` matches every action). */
  add(action: string, fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer (got ${times})`);
    this.pending.push({ action, fault, remaining: times });
  }

  /** Takes one use of the first fault that matches the call, if any. */
  take(action: string, service: string): Fault | undefined {
    const entry = this.pending.find(
      (p) =>
        (p.action === '*' || p.action === action) && (p.fault.service === undefined || p.fault.service === service),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending = this.pending.filter((p) => p !== entry);
    return entry.fault;
  }

  /** Uses left of the faults still queued. */
  get size(): number {
    return this.pending.reduce((sum, p) => sum + p.remaining, 0);
  }

  clear(): void {
    this.pending = [];
  }
}
