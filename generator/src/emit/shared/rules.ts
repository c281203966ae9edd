import type { ConditionalModel, PropertyModel, ShapeModel, TypeModel } from '@volc-ts/spec';
import { describeCondition, isTime } from './docs.js';
import { literal, propertyKey } from './literal.js';
import { memberTypes, tsType } from './ts-type.js';

/**
 * Which of a shape's cross-member rules become part of its TypeScript type, and which stay run-time
 * checks. A rule becomes a type when it can be written as a union of object types that accepts exactly
 * the inputs the rule accepts: never more (the compiler would miss a broken call) and never fewer (it
 * would refuse a call the server takes).
 */

/** One member of an alternative: `InstanceId: string` or `StartTime?: undefined`. */
export interface RuleMember {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
}

/** A rule as a union: the input must match one of the alternatives. */
export interface TypeRule {
  /** The rule in words, with `code` marks: "`StartTime` requires `EndTime`". */
  readonly text: string;
  readonly alternatives: readonly (readonly RuleMember[])[];
}

export interface ShapeRules {
  /** Rules the request type enforces; the validator checks them too, for JavaScript callers. */
  readonly typed: readonly TypeRule[];
  /** Rules only the validator checks, with the reason they are not types. */
  readonly runtime: readonly string[];
}

/**
 * The union members of all rules together multiply (TypeScript spreads `A & (B | C)` into `A & B | A & C`);
 * beyond this many, further rules stay run-time checks so that type checking stays fast.
 */
export const MAX_UNION_SIZE = 64;

/** Splits a shape's rules into those the type can carry and those left to the validator. */
export function splitRules(shape: ShapeModel): ShapeRules {
  const typed: TypeRule[] = [];
  const runtime: string[] = [];
  let unionSize = 1;
  const accept = (rule: TypeRule | string, text: string) => {
    if (typeof rule === 'string') {
      runtime.push(`${text} (${rule})`);
      return;
    }
    if (rule.alternatives.length > 1 && unionSize * rule.alternatives.length > MAX_UNION_SIZE) {
      runtime.push(`${text} (too many rules on this type to express them all)`);
      return;
    }
    unionSize *= rule.alternatives.length;
    typed.push(rule);
  };

  for (const { property, needs } of shape.dependentRequired) {
    const text = `\`${property}\` requires ${needs.map((n) => `\`${n}\``).join(' and ')}`;
    const rule = dependentRule(shape, property, needs, text);
    if (rule) accept(rule, text);
  }
  for (const conditional of shape.conditionals) {
    const required = conditional.thenRequired;
    const text = `${required.map((n) => `\`${n}\``).join(' and ')} ${required.length > 1 ? 'are' : 'is'} required when ${describeCondition(conditional, true)}`;
    const rule = conditionalRule(shape, conditional, text);
    if (rule) accept(rule, text);
  }
  for (const property of shape.properties) {
    if (!property.greaterThan) continue;
    const bigger = isTime(property.type) ? 'later' : 'greater';
    runtime.push(
      `\`${property.name}\` must be ${bigger} than \`${property.greaterThan}\` (types cannot compare values)`,
    );
  }
  return { typed, runtime };
}

/** True when `{}` breaks none of the shape's rules, so the input parameter may be left out. */
export function acceptsEmpty(shape: ShapeModel): boolean {
  if (shape.required.length > 0) return false;
  // A condition holds for a missing member only when it lists values and does not ask for the member.
  return !shape.conditionals.some(
    (c) => c.thenRequired.length > 0 && c.conditions.every((k) => k.values !== undefined && !k.mustBeSet),
  );
}

function dependentRule(
  shape: ShapeModel,
  property: string,
  needs: readonly string[],
  text: string,
): TypeRule | undefined {
  const missing = needs.filter((n) => !shape.required.includes(n) && n !== property);
  if (missing.length === 0) return undefined;
  const set = [property, ...missing].map((name) => member(shape, name, false));
  if (shape.required.includes(property)) return { text, alternatives: [set] };
  return { text, alternatives: [set, [absent(property)]] };
}

/**
 * `if` conditions C1..Cn, `then` required R: either every condition holds and R is set, or some
 * condition fails. A failing condition must be writable as a type, so a condition on a member with
 * open-ended values (any string, any number) keeps the rule at run time.
 */
function conditionalRule(
  shape: ShapeModel,
  conditional: ConditionalModel,
  text: string,
): TypeRule | string | undefined {
  const required = conditional.thenRequired.filter((n) => !shape.required.includes(n));
  if (required.length === 0) return undefined;
  const holds: RuleMember[] = [];
  const fails: RuleMember[][] = [];
  for (const { property, values, mustBeSet } of conditional.conditions) {
    const type = propertyOf(shape, property).type;
    if (values === undefined) {
      holds.push(member(shape, property, false));
      fails.push([absent(property)]);
      continue;
    }
    const domain = finiteValues(type);
    if (!domain) return `a condition on \`${property}\`, whose values are open-ended`;
    const inside = values.filter((v) => domain.includes(v));
    const outside = domain.filter((v) => !values.includes(v));
    if (mustBeSet) {
      if (inside.length === 0) return undefined; // the condition can never hold
      holds.push({ name: property, optional: false, type: union(inside) });
      fails.push([outside.length > 0 ? { name: property, optional: true, type: union(outside) } : absent(property)]);
    } else {
      holds.push({ name: property, optional: true, type: inside.length > 0 ? union(inside) : 'undefined' });
      if (outside.length > 0) fails.push([{ name: property, optional: false, type: union(outside) }]);
    }
  }
  const consequence = required.filter((n) => !holds.some((m) => m.name === n)).map((n) => member(shape, n, false));
  // A condition member that is also required is simply required in the holding branch.
  const holding = [...holds.map((m) => (required.includes(m.name) ? { ...m, optional: false } : m)), ...consequence];
  return {
    text,
    alternatives: lastAcceptsAbsence(
      [holding, ...fails],
      conditional.conditions.map((c) => c.property),
    ),
  };
}

/**
 * Moves the alternative that an input without the rule's trigger members matches to the end. When a call
 * breaks several rules' unions at once, TypeScript explains the failure against the last members of the
 * union, so this order makes it name the member that is really missing ("Property 'InstanceId' is
 * missing") instead of one from an unrelated branch.
 */
function lastAcceptsAbsence(alternatives: RuleMember[][], triggers: readonly string[]): RuleMember[][] {
  const acceptsAbsence = (members: readonly RuleMember[]) =>
    members.every((m) => !triggers.includes(m.name) || m.optional);
  return [...alternatives.filter((a) => !acceptsAbsence(a)), ...alternatives.filter(acceptsAbsence)];
}

/** Every value a member may take, when the type lists them all: a closed enum, a const, a boolean. */
function finiteValues(type: TypeModel): readonly (string | number | boolean)[] | undefined {
  if (type.kind === 'boolean') return [true, false];
  if (type.kind !== 'string') return undefined;
  if (type.const !== undefined) return [type.const];
  // An open enum (`'A' | (string & {})`) accepts any string, so its values are not a finite list.
  if (!type.enum || tsType(type, false).includes('string & {}')) return undefined;
  return type.enum;
}

function propertyOf(shape: ShapeModel, name: string): PropertyModel {
  const property = shape.properties.find((p) => p.name === name);
  if (!property) throw new Error(`${shape.name} has no property ${name}`);
  return property;
}

function member(shape: ShapeModel, name: string, optional: boolean): RuleMember {
  return { name, optional, type: tsType(propertyOf(shape, name).type, false) };
}

function absent(name: string): RuleMember {
  return { name, optional: true, type: 'undefined' };
}

function union(values: readonly (string | number | boolean)[]): string {
  return values.map((v) => (typeof v === 'string' ? literal(v) : String(v))).join(' | ');
}

/** `{ Scope?: 'OneInstance'; InstanceId: string }` */
export function objectType(members: readonly RuleMember[]): string {
  const declare = (m: RuleMember) => {
    // `| undefined` on optional members, so that they take `undefined` under `exactOptionalPropertyTypes`.
    const types = m.optional && m.type !== 'undefined' ? [m.type, 'undefined'] : [m.type];
    return `${propertyKey(m.name)}${m.optional ? '?' : ''}: ${memberTypes(m.name, m.optional, types).join(' | ')}`;
  };
  return `{ ${members.map(declare).join('; ')} }`;
}

/** TSDoc lines saying which rules the type enforces and which only the validator checks. */
export function ruleDocLines(rules: ShapeRules): string[] {
  return [
    ...(rules.typed.length > 0
      ? [
          '',
          'Rules the compiler checks (this type accepts only inputs that keep them):',
          ...rules.typed.map((r) => `- ${r.text}.`),
        ]
      : []),
    ...(rules.runtime.length > 0
      ? ['', 'Rules checked at run time, before the request is sent:', ...rules.runtime.map((r) => `- ${r}.`)]
      : []),
  ];
}
