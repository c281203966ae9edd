import { VolcError } from './volc-error.js';

/** The caller's `signal` aborted the call. `cause` is the signal's reason. */
export class VolcAbortError extends VolcError {
  readonly action: string;
  readonly service: string;

  constructor(init: { action: string; service: string; cause?: unknown }) {
    super(`${init.service} ${init.action}: aborted by the caller's signal`, { cause: init.cause });
    this.name = 'VolcAbortError';
    this.action = init.action;
    this.service = init.service;
  }
}
