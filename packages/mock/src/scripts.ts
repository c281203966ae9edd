/**
 * Scripted answers: a sequence of results (or errors) an action gives call after call, so a test can play
 * a resource's life (`Creating` for two polls, then `Running`) without any clock. Each call that the
 * script matches takes its current step; the last step then stays.
 */

/** One step of a script: a `Result` to answer with, or an error code. */
export type ScriptStep =
  | {
      /** The `Result` of the answer, as the action's response schema shapes it (sent as given). */
      readonly result: unknown;
      /** How many calls this step answers before the next. @default 1 */
      readonly times?: number;
    }
  | {
      /** Answer with this error code (a resource that is gone: `InvalidInstance.NotFound`). */
      readonly code: string;
      /** HTTP status of the error. @default the code's usual status, 400 for a service's own code */
      readonly status?: number;
      readonly message?: string;
      /** @default 1 */
      readonly times?: number;
    };

/** Options of {@link ScriptBook.add}. */
export interface ScriptOptions {
  /** Signing name of the service, when several services have an action of that name. */
  readonly service?: string;
  /**
   * Only calls whose input has these members with these values (compared as JSON) follow the script, so
   * two resources can have scripts of their own: `{ InstanceIds: ['i-1'] }`. Absent: every call.
   */
  readonly when?: Readonly<Record<string, unknown>>;
}

interface Script {
  readonly action: string;
  readonly service: string | undefined;
  readonly when: Readonly<Record<string, unknown>> | undefined;
  readonly steps: readonly ScriptStep[];
  /** Index of the current step, and the calls it has answered. */
  step: number;
  used: number;
}

function matches(when: Readonly<Record<string, unknown>> | undefined, input: Record<string, unknown>): boolean {
  if (!when) return true;
  return Object.entries(when).every(
    ([key, value]) => Object.hasOwn(input, key) && JSON.stringify(input[key]) === JSON.stringify(value),
  );
}

/** The scripts of a mock, newest first for the same action (a later script wins over an earlier one). */
export class ScriptBook {
  private scripts: Script[] = [];

  add(action: string, steps: readonly ScriptStep[], options: ScriptOptions = {}): void {
    if (steps.length === 0) throw new RangeError('a script needs at least one step');
    for (const step of steps) {
      const times = step.times ?? 1;
      if (!Number.isInteger(times) || times < 1)
        throw new RangeError(`times must be a positive integer (got ${times})`);
    }
    this.scripts.unshift({
      action,
      service: options.service,
      when: options.when,
      steps: [...steps],
      step: 0,
      used: 0,
    });
  }

  /** The step that answers this call, advancing its script; undefined when no script matches. */
  take(service: string, action: string, input: Record<string, unknown>): ScriptStep | undefined {
    const script = this.scripts.find(
      (s) => s.action === action && (s.service === undefined || s.service === service) && matches(s.when, input),
    );
    if (!script) return undefined;
    const step = script.steps[script.step]!;
    script.used++;
    if (script.used >= (step.times ?? 1) && script.step < script.steps.length - 1) {
      script.step++;
      script.used = 0;
    }
    return step;
  }

  clear(): void {
    this.scripts = [];
  }
}
