import { hasErrorKind, VolcError } from './volc-error.js';

/** One credential source that was looked at and why it gave nothing. Never contains a secret. */
export interface CredentialSourceAttempt {
  readonly source: string;
  readonly reason: string;
}

/**
 * No usable credentials: lists every source tried and why each failed, such as
 * `environment: VOLCENGINE_ACCESS_KEY is not set`. Never contains a secret.
 */
export class VolcCredentialsError extends VolcError {
  protected static override readonly errorKind: string = 'VolcCredentialsError';

  readonly tried: readonly CredentialSourceAttempt[];

  constructor(tried: readonly CredentialSourceAttempt[], options?: { cause?: unknown }) {
    const list = tried.map((t) => `${t.source}: ${t.reason}`).join('; ');
    super(`No Volcengine credentials found (tried ${list || 'nothing'})`, options);
    this.name = 'VolcCredentialsError';
    this.tried = tried;
  }
}

/** Narrows an unknown error to a {@link VolcCredentialsError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcCredentialsError(error: unknown): error is VolcCredentialsError {
  return hasErrorKind(error, 'VolcCredentialsError');
}
