/**
 * Brand shared by every copy of `@volc-ts/core` (`Symbol.for` is global to the JavaScript realm): an
 * error's brand lists the kinds of its class chain, such as `['VolcError', 'VolcServiceError']`, so
 * `instanceof` and the `isVolc*` guards work when a CJS and an ESM copy of the package meet in one program.
 */
const BRAND: unique symbol = Symbol.for('volc-ts.error') as never;
/**
 * Each error class names its kind in a static `errorKind`, read through the class chain when an error is
 * made. A plain (not computed) static member keeps the classes free of side effects, so a bundler drops
 * the ones a program never uses.
 */
type Kinded = { readonly errorKind?: string };

/** What the request loop adds to an error of a call: how it went, never a secret. */
export interface CallFacts {
  /** Attempts sent or started, the first included (0 when the call failed before any). */
  readonly attempts: number;
  /** Time from the start of the call to the error, in ms, backoff included. */
  readonly duration: number;
  /** The idempotency token the call sent (filled in by the SDK or given by the caller), if the action has one. */
  readonly clientToken?: string;
}

function kindsOf(target: unknown): string[] {
  const kinds: string[] = [];
  for (let c = target; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, 'errorKind')) kinds.push((c as Kinded).errorKind!);
  }
  return kinds;
}

/**
 * True when `value` is an SDK error of the given kind (`'VolcServiceError'`, ...) made by any copy of
 * `@volc-ts/core`.
 */
export function hasErrorKind(value: unknown, kind: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const brand = (value as Record<symbol, unknown>)[BRAND];
  if (Array.isArray(brand)) return brand.includes(kind);
  // Copies before 0.2 brand with `true` and no kinds: their `name` says the class.
  return brand === true && (kind === 'VolcError' || (value as { name?: unknown }).name === kind);
}

/**
 * Base class of every error the SDK throws. `instanceof VolcError` catches them all; messages never
 * contain a secret. `instanceof` on this class and its subclasses also matches errors made by another
 * copy of `@volc-ts/core` (CJS next to ESM, two versions in one bundle).
 */
export class VolcError extends Error {
  protected static readonly errorKind: string = 'VolcError';

  /** Attempts made by the call that failed; undefined for errors raised outside a call. */
  declare readonly attempts: number | undefined;
  /** Time the call took until it failed, in ms; undefined for errors raised outside a call. */
  declare readonly duration: number | undefined;
  /**
   * The idempotency token (usually `ClientToken`) the call sent. Pass it again when you repeat the call by
   * hand, so the service applies the write once.
   */
  declare readonly clientToken: string | undefined;
  /**
   * True when the call failed ambiguously (an attempt timeout, a reset after sending, a 5xx) and its action
   * is not safe to repeat, so it was not retried: the write may or may not have been applied. Check before
   * calling again.
   */
  declare readonly outcomeUnknown: true | undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VolcError';
    Object.defineProperty(this, BRAND, { value: Object.freeze(kindsOf(new.target)) });
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const kind = Object.hasOwn(this, 'errorKind') ? (this as unknown as Kinded).errorKind : undefined;
    return kind !== undefined && hasErrorKind(value, kind);
  }
}

/**
 * True for errors made by any copy of `@volc-ts/core`, even when two copies are installed and a plain
 * prototype check fails across them.
 */
export function isVolcErrorLike(value: unknown): value is VolcError {
  return hasErrorKind(value, 'VolcError');
}

/** Same as {@link isVolcErrorLike}: narrows an unknown error to a {@link VolcError} from any copy of the SDK. */
export const isVolcError: (value: unknown) => value is VolcError = isVolcErrorLike;

/**
 * Records how a call went on its error: attempts, duration and the idempotency token. Used by the request
 * loop; the fields are read-only to users.
 */
export function recordCallFacts<E extends Error>(error: E, facts: CallFacts): E {
  if (!isVolcErrorLike(error)) return error;
  const set = (key: string, value: unknown) =>
    Object.defineProperty(error, key, { value, enumerable: true, configurable: true, writable: false });
  set('attempts', facts.attempts);
  set('duration', facts.duration);
  if (facts.clientToken !== undefined) set('clientToken', facts.clientToken);
  return error;
}
