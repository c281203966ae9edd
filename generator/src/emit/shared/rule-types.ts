/**
 * The request type of a shape whose cross-member rules TypeScript can carry, written so that editors and
 * the compiler keep working with it:
 *
 * - every case of the rules (one alternative of each rule) is an interface of its own, built only from the
 *   members interface with `Pick`, `Omit`, `Required` and the mapped helpers below, so each property keeps
 *   its declaration and its TSDoc at a call site (a property written out again in a literal type would not);
 * - members that no rule touches come from one `Omit<Members, ...>`, the same declaration in every case, so
 *   their hover never depends on which case the editor picks;
 * - the request type is the union of the cases by name, so compiler messages print short names instead of
 *   long intersections (`Members & ... 2 more ...`).
 */
import type { ShapeModel } from '@volc-ts/spec';
import { literal } from './literal.js';
import type { RuleMember, TypeRule } from './rules.js';
import { tsType, widenedByObject } from './ts-type.js';

/** The mapped helpers a case may use; each keeps the declarations of `T`'s members (its keys are `keyof T`). */
export const RULE_HELPERS = {
  Unset: [
    '/** The members `K` of `T` left out (or `undefined`). */',
    'type Unset<T, K extends keyof T> = { [P in K]?: undefined };',
  ],
  SetTo: [
    '/** The member `K` of `T` set to one of the values `V`. */',
    'type SetTo<T, K extends keyof T, V extends T[K]> = { [P in K]-?: V };',
  ],
  UnsetOr: [
    '/** The member `K` of `T` left out, or set to one of the values `V`. */',
    'type UnsetOr<T, K extends keyof T, V extends T[K]> = { [P in K]?: V | undefined };',
  ],
  notAnArray: [
    '/** The key of a member that no value has: it keeps arrays out of the `..._NotAnArray` member of a request union. */',
    'declare const notAnArray: unique symbol;',
  ],
} as const;
export type RuleHelper = keyof typeof RULE_HELPERS;

export interface RuleCase {
  readonly name: string;
  /** The base types the case's interface extends, in order. */
  readonly bases: readonly string[];
  /** What the case means, with `code` marks, for its TSDoc. */
  readonly text: readonly string[];
}

export interface RuleCases {
  /** With an array member, the case where every rule takes its default comes first. */
  readonly cases: readonly RuleCase[];
  /**
   * The name of a member of the union that no value fits (an array with a key no value has), extending the
   * first case; undefined when that case requires no member, a member is named like a member of arrays, or
   * there is a single case.
   */
  readonly notAnArray: string | undefined;
  readonly helpers: ReadonlySet<RuleHelper>;
}

/**
 * The cases of a shape's typed rules, or undefined when two rules touch one member (an interface cannot
 * extend two declarations of a member that differ), a rule touches a member named like a member of `Object`,
 * or the shape accepts any member (`additionalProperties`); such a shape keeps the intersection form.
 */
export function ruleCases(shape: ShapeModel, members: string, rules: readonly TypeRule[]): RuleCases | undefined {
  // `Omit` of a type with an index signature keeps only the signature, so such a shape keeps the intersection.
  if (shape.additional) return undefined;
  const touched = rules.map((rule) => new Set(rule.alternatives.flatMap((a) => a.map((m) => m.name))));
  const all = new Set<string>();
  for (const names of touched) {
    for (const name of names) {
      // A member named like a member of `Object` is declared with `Object[name]` beside its own type, which
      // `Required<Pick<...>>` would keep (any object has a `valueOf`), so its rules keep the intersection form.
      if (all.has(name) || widenedByObject(name, true)) return undefined;
      all.add(name);
    }
  }
  const helpers = new Set<RuleHelper>();
  const declared = new Map(shape.properties.map((p) => [p.name, tsType(p.type, false)]));
  const quoted = (names: readonly string[]) => names.map((n) => literal(n)).join(' | ');
  const parts = rules.map((rule, index) =>
    rule.alternatives.map((alternative) => {
      const required: string[] = [];
      const unset: string[] = [];
      const asDeclared: string[] = [];
      const narrowed: string[] = [];
      for (const name of touched[index]!) {
        const m = alternative.find((a) => a.name === name);
        if (!m || (m.optional && m.type === declared.get(name))) asDeclared.push(name);
        else if (m.type === 'undefined') unset.push(name);
        else if (m.type === declared.get(name)) required.push(name);
        else {
          const helper: RuleHelper = m.optional ? 'UnsetOr' : 'SetTo';
          helpers.add(helper);
          narrowed.push(`${helper}<${members}, ${literal(name)}, ${m.type}>`);
        }
      }
      if (unset.length > 0) helpers.add('Unset');
      const bases = [
        ...(required.length > 0 ? [`Required<Pick<${members}, ${quoted(required)}>>`] : []),
        ...narrowed,
        ...(unset.length > 0 ? [`Unset<${members}, ${quoted(unset)}>`] : []),
        ...(asDeclared.length > 0 ? [`Pick<${members}, ${quoted(asDeclared)}>`] : []),
      ];
      return { bases, text: describeAlternative(alternative) };
    }),
  );
  const untouched = shape.properties.map((p) => p.name).filter((n) => !all.has(n));
  const others = untouched.length === 0 ? [] : all.size === 0 ? [members] : [`Omit<${members}, ${quoted([...all])}>`];
  const combos = parts.reduce<{ bases: string[]; text: string[] }[]>(
    (acc, alternatives) =>
      acc.flatMap((c) => alternatives.map((a) => ({ bases: [...c.bases, ...a.bases], text: [...c.text, a.text] }))),
    [{ bases: [...others], text: [] }],
  );
  // When a literal fits no case, TypeScript explains it against one case it picks: among the cases the
  // literal's values select, the first that is not an array if the union has an array member, else the last
  // sharing most of its keys; `{}` (no values, no keys) gets a case only the first way. Each rule lists
  // last the alternative an input without its trigger members matches (rules.ts), so the last combination
  // is the rules' default case ("`Scope` not set, `InstanceId` set"): it is moved first (a union is ordered
  // by the order its members are first resolved), and an array member that extends it is added. That member
  // has the default case's members, so it drops out with that case from the cases a literal's values select
  // (which then fall back to the last case, the most default one left), and an editor finds the same
  // declaration of a member in it as in the cases; its key `[notAnArray]` keeps `[]` out. Only needed when
  // the default case requires a member; an interface cannot extend arrays and a member named like theirs
  // (or numbered: their index signature is `never`).
  const defaultRequires =
    shape.required.length > 0 ||
    rules.some((r) => r.alternatives.at(-1)!.some((m) => !m.optional && m.type !== 'undefined'));
  const arrayLike =
    combos.length > 1 &&
    defaultRequires &&
    !shape.properties.some((p) => p.name in Array.prototype || /^\d+$/.test(p.name));
  if (arrayLike) helpers.add('notAnArray');
  const ordered = arrayLike ? [combos[combos.length - 1]!, ...combos.slice(0, -1)] : combos;
  return {
    cases: ordered.map((c, index) => ({ name: `${shape.name}_${index + 1}`, bases: c.bases, text: c.text })),
    notAnArray: arrayLike ? `${shape.name}_NotAnArray` : undefined,
    helpers,
  };
}

/** "`StartTime` and `EndTime` set", "`Scope` is `AccountInstances` or `DestroyedInstances`", ... */
function describeAlternative(members: readonly RuleMember[]): string {
  return members
    .map((m) => {
      if (m.type === 'undefined') return `\`${m.name}\` not set`;
      const values = m.type.split(' | ');
      const literalValues = values.every((v) => /^('.*'|true|false|-?\d+(\.\d+)?)$/.test(v));
      if (!literalValues) return m.optional ? `\`${m.name}\` as declared` : `\`${m.name}\` set`;
      const shown = values.map((v) => `\`${v.replace(/^'(.*)'$/, '$1')}\``).join(' or ');
      return `\`${m.name}\` ${m.optional ? 'is not set or is ' : 'is '}${shown}`;
    })
    .join(', ');
}
