import { hasErrorKind, VolcError } from './volc-error.js';

/** The caller's `signal` aborted the call. `cause` is the signal's reason. */
export class VolcAbortError extends VolcError {
  protected static override readonly errorKind: string = 'VolcAbortError';

  readonly action: string;
  readonly service: string;

  constructor(init: { action: string; service: string; cause?: unknown }) {
    super(`${init.service} ${init.action}: aborted by the caller's signal`, { cause: init.cause });
    this.name = 'VolcAbortError';
    this.action = init.action;
    this.service = init.service;
  }
}

/** Narrows an unknown error to a {@link VolcAbortError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcAbortError(error: unknown): error is VolcAbortError {
  return hasErrorKind(error, 'VolcAbortError');
}
