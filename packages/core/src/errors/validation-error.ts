import type { ValidationIssue } from '../validate.js';
import { isSecretField, REDACTED } from '../redact.js';
import { hasErrorKind, VolcError } from './volc-error.js';

/** Hides the offending value when the field is secret-looking: `(got "hunter2")` -> `(got [redacted])`. */
export function redactIssue(issue: ValidationIssue): ValidationIssue {
  if (!isSecretField(issue.path)) return issue;
  return { ...issue, message: issue.message.replace(/\(got [\s\S]*\)$/, `(got ${REDACTED})`) };
}

/** Formats one issue as `PageSize: must be <= 100 (got 101)`. */
export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/**
 * The input broke rules declared in the spec. Thrown by `send()` before any network I/O and before
 * credentials are resolved; `issues` lists every broken rule, not just the first.
 */
export class VolcValidationError extends VolcError {
  protected static override readonly errorKind: string = 'VolcValidationError';

  readonly issues: readonly ValidationIssue[];
  /** Action whose input was checked, when known. */
  readonly action: string | undefined;

  constructor(issues: readonly ValidationIssue[], action?: string) {
    const safe = issues.map(redactIssue);
    const where = action ? ` for ${action}` : '';
    super(`Invalid input${where}: ${safe.map(formatIssue).join('; ')}`);
    this.name = 'VolcValidationError';
    this.issues = safe;
    this.action = action;
  }
}

/** Narrows an unknown error to a {@link VolcValidationError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcValidationError(error: unknown): error is VolcValidationError {
  return hasErrorKind(error, 'VolcValidationError');
}
