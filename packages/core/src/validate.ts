/**
 * Small checks that generated validators call. Each one appends to `issues` and never throws, so a
 * validator reports every broken rule of an input at once. Messages read `<rule> (got <value>)`.
 */

import { stringifyJson } from './json.js';
import { noteDeclared, PROTOTYPE_NAME_MESSAGE, PROTOTYPE_NAMES } from './prototype-names.js';
import { closest } from './suggest.js';
import type { ValidationIssue, ValidationRule } from './validation-issue.js';

export type { ValidationIssue, ValidationRule, Validator } from './validation-issue.js';

/** The list a validator appends its findings to; an empty list after the checks means the input is valid. */
export type Issues = ValidationIssue[];

export interface NumberRules {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

/** The range of a `format: int32` integer. */
export const INT32: NumberRules = { minimum: -2147483648, maximum: 2147483647 };

export interface StringRules {
  /** Least length in characters (UTF-16 code units, as `String.length` counts). */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Least length in UTF-8 bytes, inclusive (`x-volc-min-bytes`: the Go SDK's `min` tag, Go's `len(string)`). */
  readonly minBytes?: number;
  /** Greatest length in UTF-8 bytes, inclusive (`x-volc-max-bytes`). */
  readonly maxBytes?: number;
  readonly pattern?: RegExp;
}

export interface DateTimeRules extends StringRules {
  /** False when the spec's pattern forbids fractions of a second (`...:05.5Z`). @default true */
  readonly fractions?: boolean;
}

export interface ArrayRules {
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

/** Shows a value in a message without flooding it: strings are quoted and cut at 40 characters. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** `1 character`, `2 characters`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function fail(issues: Issues, path: string, rule: ValidationRule, text: string, value: unknown): false {
  issues.push({ path, rule, message: `${text} (got ${describeValue(value)})` });
  return false;
}

/** Joins a parent path and a member name: `` + `A` = `A`, `A` + `B` = `A.B`. */
export function memberPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/**
 * A member of an input object, own properties only: a member named like an `Object.prototype` property
 * (`constructor`, `toString`, `__proto__`) reads as undefined unless the input sets it.
 */
export function own(object: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkObject(issues: Issues, path: string, value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) || fail(issues, path, 'type', 'must be an object', value);
}

/** Every one of `names` must be set; `reason` says when, for rules that hold only sometimes. */
export function checkRequired(
  issues: Issues,
  path: string,
  object: Record<string, unknown>,
  names: readonly string[],
  reason?: string,
): void {
  const message = reason === undefined ? 'is required' : `is required when ${reason}`;
  for (const name of names) {
    if (own(object, name) === undefined) issues.push({ path: memberPath(path, name), rule: 'required', message });
  }
}

export function checkString(issues: Issues, path: string, value: unknown, rules?: StringRules): boolean {
  if (typeof value !== 'string') return fail(issues, path, 'type', 'must be a string', value);
  if (!rules) return true;
  if (rules.minLength !== undefined && value.length < rules.minLength)
    return fail(issues, path, 'minLength', `must be at least ${count(rules.minLength, 'character')} long`, value);
  if (rules.maxLength !== undefined && value.length > rules.maxLength)
    return fail(issues, path, 'maxLength', `must be at most ${count(rules.maxLength, 'character')} long`, value);
  // A UTF-16 code unit is 1 to 3 bytes in UTF-8 (a surrogate pair, 2 units, is 4), so most strings are
  // decided by their length alone and are never counted.
  if (rules.minBytes !== undefined && value.length < rules.minBytes) {
    const bytes = utf8Length(value);
    if (bytes < rules.minBytes)
      return failBytes(issues, path, 'minBytes', `at least ${count(rules.minBytes, 'byte')}`, bytes);
  }
  if (rules.maxBytes !== undefined && value.length * 3 > rules.maxBytes) {
    const bytes = utf8Length(value);
    if (bytes > rules.maxBytes)
      return failBytes(issues, path, 'maxBytes', `at most ${count(rules.maxBytes, 'byte')}`, bytes);
  }
  if (rules.pattern && !rules.pattern.test(value))
    return fail(issues, path, 'pattern', `must match ${rules.pattern.source}`, value);
  return true;
}

function failBytes(issues: Issues, path: string, rule: ValidationRule, bound: string, bytes: number): false {
  issues.push({ path, rule, message: `must be ${bound} in UTF-8 (got ${bytes})` });
  return false;
}

/**
 * The length of a string in UTF-8 bytes, counted without encoding it (no Buffer, no TextEncoder copy), so
 * it runs the same in browsers. A lone surrogate counts 3 bytes: it is sent as U+FFFD.
 */
export function utf8Length(value: string): number {
  // Each code unit counts once already; add what its UTF-8 form takes beyond one byte.
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) {
      bytes += 1;
      continue;
    }
    // Any other unit is 3 bytes, and so is a surrogate pair's high half followed by its low half (4 for both).
    bytes += 2;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return bytes;
}

export function checkEnum(issues: Issues, path: string, value: unknown, allowed: readonly string[]): boolean {
  if (typeof value !== 'string') return fail(issues, path, 'type', 'must be a string', value);
  return allowed.includes(value) || fail(issues, path, 'enum', `must be one of ${allowed.join(', ')}`, value);
}

/** How many of a suggested list a warning shows. */
const SHOWN_SUGGESTIONS = 6;

/**
 * A string member whose spec lists values nobody confirmed are all: a value outside the list is sent,
 * with a warning (and the nearest listed value when one is close), since the server may accept it.
 */
export function checkSuggested(issues: Issues, path: string, value: unknown, suggested: readonly string[]): boolean {
  if (typeof value !== 'string' || suggested.includes(value)) return true;
  const guess = closest(value, suggested);
  const shown =
    suggested.slice(0, SHOWN_SUGGESTIONS).join(', ') + (suggested.length > SHOWN_SUGGESTIONS ? ', ...' : '');
  issues.push({
    path,
    rule: 'enum',
    message: `is not one of the values the spec lists (${shown})${guess ? `; did you mean ${guess}?` : ''} (got ${describeValue(value)}; sent as given)`,
    warning: true,
  });
  return true;
}

function checkRange(issues: Issues, path: string, value: number | bigint, rules: NumberRules | undefined): boolean {
  if (!rules) return true;
  if (rules.minimum !== undefined && value < rules.minimum)
    return fail(issues, path, 'minimum', `must be >= ${rules.minimum}`, value);
  if (rules.maximum !== undefined && value > rules.maximum)
    return fail(issues, path, 'maximum', `must be <= ${rules.maximum}`, value);
  if (rules.exclusiveMinimum !== undefined && value <= rules.exclusiveMinimum)
    return fail(issues, path, 'exclusiveMinimum', `must be > ${rules.exclusiveMinimum}`, value);
  if (rules.exclusiveMaximum !== undefined && value >= rules.exclusiveMaximum)
    return fail(issues, path, 'exclusiveMaximum', `must be < ${rules.exclusiveMaximum}`, value);
  return true;
}

export function checkNumber(issues: Issues, path: string, value: unknown, rules?: NumberRules): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return fail(issues, path, 'type', 'must be a finite number', value);
  return checkRange(issues, path, value, rules);
}

/**
 * An integer: a `number` without a fraction, or a `bigint` (for int64 values beyond 2^53, which a number
 * cannot hold exactly; they are sent with all their digits).
 */
export function checkInteger(issues: Issues, path: string, value: unknown, rules?: NumberRules): boolean {
  if (typeof value === 'bigint') return checkRange(issues, path, value, rules);
  if (typeof value !== 'number' || !Number.isInteger(value))
    return fail(issues, path, 'type', 'must be an integer', value);
  return checkRange(issues, path, value, rules);
}

export function checkBoolean(issues: Issues, path: string, value: unknown): boolean {
  return typeof value === 'boolean' || fail(issues, path, 'type', 'must be a boolean', value);
}

/** Checks the array itself; the caller checks each item with the path `${path}[${index}]`. */
export function checkArray(issues: Issues, path: string, value: unknown, rules?: ArrayRules): value is unknown[] {
  if (!Array.isArray(value)) return fail(issues, path, 'type', 'must be an array', value);
  if (rules?.minItems !== undefined && value.length < rules.minItems)
    issues.push({
      path,
      rule: 'minItems',
      message: `must have at least ${count(rules.minItems, 'item')} (got ${value.length})`,
    });
  if (rules?.maxItems !== undefined && value.length > rules.maxItems)
    issues.push({
      path,
      rule: 'maxItems',
      message: `must have at most ${count(rules.maxItems, 'item')} (got ${value.length})`,
    });
  if (rules?.uniqueItems && new Set(value.map((item) => stringifyJson(item))).size !== value.length) {
    issues.push({ path, rule: 'uniqueItems', message: 'must not repeat items' });
  }
  return true;
}

// UTC only, as Volcengine asks: yyyy-MM-ddTHH:mm:ssZ, optionally with fractional seconds (spec/README.md).
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;

/** A time as `format: date-time` asks for it; true when `value` is one. */
function isDateTime(value: string): boolean {
  if (!DATE_TIME.test(value)) return false;
  // Date.parse rolls a day the month lacks over (2024-02-30 reads as March 1st): the day must come back.
  const at = Date.parse(value);
  return !Number.isNaN(at) && new Date(at).getUTCDate() === Number(value.slice(8, 10));
}

/**
 * `format: date-time`, with the member's own string rules. Whatever is wrong, the message is one and
 * names the expected form, never a regular expression.
 */
export function checkDateTime(issues: Issues, path: string, value: unknown, rules?: DateTimeRules): boolean {
  if (typeof value !== 'string') return fail(issues, path, 'type', 'must be a string', value);
  const noFractions = rules?.fractions === false;
  const form = noFractions
    ? 'a UTC time as yyyy-MM-ddTHH:mm:ssZ, without fractions of a second'
    : 'a UTC time as yyyy-MM-ddTHH:mm:ssZ (fractions of a second allowed)';
  if (!isDateTime(value) || (noFractions && value.includes('.')))
    return fail(issues, path, 'format', `must be ${form}`, value);
  if (rules?.pattern && !rules.pattern.test(value))
    return fail(issues, path, 'pattern', `must be a UTC time matching ${rules.pattern.source}`, value);
  return rules ? checkString(issues, path, value, { ...rules, pattern: undefined }) : true;
}

/**
 * Members of `object` that the spec does not declare, each with the closest known name when one is near
 * (`PageSzie` -> `PageSize`). Members set to `undefined` are not sent, so they are not reported. One named
 * `__proto__`, `constructor` or `prototype` is an error, not a warning: it is never sent unless declared
 * (prototype-names.ts).
 */
export function checkMembers(
  issues: Issues,
  path: string,
  object: Record<string, unknown>,
  known: ReadonlySet<string>,
): void {
  for (const name of Object.keys(object)) {
    if (known.has(name)) {
      // Declared: the client sends it even when it is named like a prototype member (prototype-names.ts).
      if (PROTOTYPE_NAMES.has(name)) noteDeclared(issues, object, name);
      continue;
    }
    if (object[name] === undefined) continue;
    if (PROTOTYPE_NAMES.has(name)) {
      issues.push({ path: memberPath(path, name), rule: 'prototypeName', message: PROTOTYPE_NAME_MESSAGE });
      continue;
    }
    const guess = closestName(name, known);
    issues.push({
      path: memberPath(path, name),
      rule: 'unknownMember',
      message: `is not a member the spec declares${guess ? `; did you mean ${guess}?` : ''}`,
      unknownMember: true,
    });
  }
}

/** The known name nearest to `name` (ignoring case, swapped letters count once), if it is close enough to be a typo. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  return closest(name, known);
}

/** `dependentRequired`: when `name` is set, every one of `needs` must be set too. */
export function checkDependentRequired(
  issues: Issues,
  path: string,
  object: Record<string, unknown>,
  name: string,
  needs: readonly string[],
): void {
  if (own(object, name) === undefined) return;
  for (const other of needs) {
    if (own(object, other) === undefined)
      issues.push({ path: memberPath(path, other), rule: 'required', message: `is required when ${name} is set` });
  }
}

/**
 * `x-volc-greater-than`: `name` must be later (or larger) than `other` when both are set. Times are
 * compared as instants, numbers as numbers. Values that fail their own type check are skipped.
 */
export function checkGreaterThan(
  issues: Issues,
  path: string,
  object: Record<string, unknown>,
  name: string,
  other: string,
): void {
  const value = own(object, name);
  const bound = own(object, other);
  if (value === undefined || bound === undefined) return;
  // Only values that pass their own checks are compared: a malformed time gets its own message, not a second one here.
  const comparable = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : typeof v === 'string' && isDateTime(v)
        ? Date.parse(v)
        : Number.NaN;
  const a = comparable(value);
  const b = comparable(bound);
  // A number and a time are not compared: one of them already failed its type check.
  if (Number.isNaN(a) || Number.isNaN(b) || typeof value !== typeof bound) return;
  if (!(a > b))
    fail(
      issues,
      memberPath(path, name),
      'greaterThan',
      `must be ${typeof value === 'number' ? 'greater' : 'later'} than ${other} (${describeValue(bound)})`,
      value,
    );
}
