import type { ValidationIssue } from './validation-issue.js';

/**
 * Names that reach the prototype machinery of a JavaScript object: a server (or a mock) that merges or
 * unflattens input with plain assignment follows `__proto__`, or `constructor.prototype`, into a shared
 * prototype. An own member by one of these names usually comes from `JSON.parse` of text someone else
 * wrote. The client sends such a member only where the action's spec declares it.
 */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const PROTOTYPE_NAME_MESSAGE =
  'is not a member the spec declares, and a member named __proto__, constructor or prototype is sent only when the spec declares it';

/**
 * The key under which `checkMembers` leaves, on the issues array of the validator run it is part of, the
 * members named like prototype members that it met declared: a registered symbol, so that a validator
 * whose package brings its own copy of core leaves them where this copy's client reads them. No module
 * state: what one run declares travels with that run's result.
 */
const DECLARED = Symbol.for('@volc-ts/core:declared-prototype-names');

interface Declared {
  readonly object: object;
  readonly name: string;
}

type Carrier = Record<typeof DECLARED, Declared[] | undefined>;

/**
 * Called by `checkMembers` for a declared member named `__proto__`, `constructor` or `prototype` that
 * `object` holds: records it on `issues` (not enumerable, so a validator's result still reads as the
 * list of broken rules, and is empty when there are none).
 */
export function noteDeclared(issues: ValidationIssue[], object: object, name: string): void {
  const carrier = issues as unknown as Carrier;
  let declared = carrier[DECLARED];
  if (declared === undefined) {
    declared = [];
    Object.defineProperty(issues, DECLARED, { value: declared, configurable: true });
  }
  declared.push({ object, name });
}

interface Found {
  readonly object: object;
  readonly name: string;
  readonly path: string;
}

// The walk's state, reused from call to call (the walk is synchronous): a call allocates nothing unless it finds a name.
const keys: (string | number)[] = [];
const ancestors: object[] = [];
let hits: Found[] | undefined;

/**
 * Own enumerable members (what JSON and the query flattening send) named `__proto__`, `constructor` or
 * `prototype`, at any depth; paths are written only for those. An object met again below itself (a
 * cycle, which cannot be sent anyway) is not walked again.
 */
function findPrototypeNames(input: unknown): readonly Found[] {
  keys.length = 0;
  ancestors.length = 0;
  hits = undefined;
  visit(input);
  const found = hits ?? [];
  hits = undefined;
  return found;
}

function visit(value: unknown): void {
  if (typeof value !== 'object' || value === null || ancestors.includes(value)) return;
  ancestors.push(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      keys.push(index);
      visit(value[index]);
      keys.pop();
    }
  } else {
    for (const name of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[name];
      // Members set to undefined are not sent.
      if (member === undefined) continue;
      keys.push(name);
      if (PROTOTYPE_NAMES.has(name)) (hits ??= []).push({ object: value, name, path: pathOf(keys) });
      visit(member);
      keys.pop();
    }
  }
  ancestors.pop();
}

/** `['Tags', 0, 'Key']` -> `Tags[0].Key`, as validators write paths. */
function pathOf(keys: readonly (string | number)[]): string {
  let path = '';
  for (const key of keys) path += typeof key === 'number' ? `[${key}]` : path === '' ? key : `.${key}`;
  return path;
}

/**
 * An issue for every member of `input`, at any depth, named `__proto__`, `constructor` or `prototype`
 * that the action's spec does not declare at that place. What is declared, the action's validator knows:
 * `checkMembers` records each such member it meets declared on the issues it returns. `validated` is what
 * the validator returned for this input when the caller ran it already; otherwise, when such a name is
 * present, `validate` is run to learn it (whether or not the client validates inputs). Below a member the
 * spec does not know, among the keys of a map, and for an action without a validator, nothing is
 * declared. Costs one walk of the input when no such name is present.
 */
export function prototypeNameIssues(
  input: unknown,
  validate?: (input: never) => readonly ValidationIssue[],
  validated?: readonly ValidationIssue[],
): ValidationIssue[] {
  const found = findPrototypeNames(input);
  if (found.length === 0) return [];
  const declared = declaredBy(validated ?? (validate ? run(validate, input) : undefined));
  return found
    .filter(({ object, name }) => !declared.some((d) => d.object === object && d.name === name))
    .map(({ path }) => ({ path, rule: 'prototypeName' as const, message: PROTOTYPE_NAME_MESSAGE }));
}

function run(validate: (input: never) => readonly ValidationIssue[], input: unknown): unknown {
  try {
    return validate(input as never);
  } catch {
    // A validator that throws on a strange input declares nothing.
    return undefined;
  }
}

/** What `checkMembers` recorded on a validator's result; nothing from a result that is not an array. */
function declaredBy(issues: unknown): readonly Declared[] {
  if (!Array.isArray(issues)) return [];
  const declared = (issues as unknown as Partial<Carrier>)[DECLARED];
  return Array.isArray(declared) ? declared : [];
}
