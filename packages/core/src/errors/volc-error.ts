const BRAND = Symbol.for('volc-ts.error');

/**
 * Base class of every error the SDK throws. `instanceof VolcError` catches them all; messages never
 * contain a secret.
 */
export class VolcError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VolcError';
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for errors made by any copy of `@volc-ts/core`, even when two copies are installed and
 * `instanceof` fails across them.
 */
export function isVolcErrorLike(value: unknown): value is VolcError {
  return value instanceof VolcError || (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true);
}
