import {
  inputShapes,
  reachableShapes,
  usedShapes,
  type ActionModel,
  type ErrorCodeModel,
  type NumberType,
  type PropertyModel,
  type ServiceModel,
  type ShapeModel,
  type StringType,
  type TypeModel,
} from '@volc-ts/spec';
import { sortChanges, type BumpLevel, type SpecChange } from './levels.js';

/**
 * Compares two versions of one service's spec, as models, and lists every difference a user of the
 * generated package could notice, each with the bump it calls for.
 *
 * The rules follow what breaks a TypeScript user:
 * - input (what callers send): a removed member, a new required member, a tighter rule (enum value
 *   removed, higher minimum, lower maximum, new pattern, ...) is major; a new optional member or a
 *   looser rule is minor.
 * - output (what callers read): a removed member, or one that may now be missing, is major; a new
 *   member is minor; rules on responses are documentation only (patch). Response enums are open
 *   (`'A' | (string & {})`), so changing their values is minor, unless the shape is also sent,
 *   which makes its enums closed.
 * - a removed action, exported type, paginator or error code is major; a new one is minor.
 * - descriptions, summaries, examples and defaults are patch.
 */
export function diffServiceModels(base: ServiceModel, head: ServiceModel): SpecChange[] {
  const diff = new ModelDiff(base, head);
  diff.run();
  return sortChanges(diff.changes);
}

type Direction = 'input' | 'output';

const EMPTY_SHAPE: ShapeModel = {
  name: '',
  properties: [],
  required: [],
  dependentRequired: [],
  conditionals: [],
  path: [],
};

/** A member's place for messages: `DescribeX input: Filters[].Name`. */
interface Place {
  readonly root: string;
  readonly path: string;
}

const show = (place: Place): string => (place.path ? `${place.root}: ${place.path}` : place.root);
const member = (place: Place, name: string): Place => ({
  root: place.root,
  path: place.path ? `${place.path}.${name}` : name,
});
const suffixed = (place: Place, suffix: string): Place => ({ root: place.root, path: `${place.path}${suffix}` });

class ModelDiff {
  readonly changes: SpecChange[] = [];
  /** Shape pairs already compared, per direction, so shared and recursive shapes are visited once. */
  private readonly visited = new Set<string>();
  private readonly baseClosed: Set<string>;
  private readonly headClosed: Set<string>;

  constructor(
    private readonly base: ServiceModel,
    private readonly head: ServiceModel,
  ) {
    this.baseClosed = inputShapes(base);
    this.headClosed = inputShapes(head);
  }

  private add(level: BumpLevel, where: string, message: string): void {
    this.changes.push({ level, where, message });
  }

  run(): void {
    this.service();
    this.actions();
    this.exportedTypes();
    this.errorCodes();
  }

  private service(): void {
    const { base, head } = this;
    if (base.className !== head.className)
      this.add('major', 'client', `client class renamed from ${base.className}Client to ${head.className}Client`);
    if (base.service !== head.service)
      this.add('minor', 'service', `signing name and host prefix changed from "${base.service}" to "${head.service}"`);
    if (base.global !== head.global)
      this.add(
        'minor',
        'service',
        head.global ? 'endpoint is now global (no region in the host)' : 'endpoint is now regional',
      );
    if (base.version !== head.version)
      this.add('minor', 'service', `API version changed from ${base.version} to ${head.version}`);
    if (base.title !== head.title || base.description !== head.description)
      this.add('patch', 'service', 'title or description changed');
  }

  private actions(): void {
    const baseActions = new Map(this.base.actions.map((a) => [a.name, a]));
    const headActions = new Map(this.head.actions.map((a) => [a.name, a]));
    for (const [name] of baseActions) {
      if (!headActions.has(name)) this.add('major', name, 'action removed');
    }
    for (const [name, head] of headActions) {
      const base = baseActions.get(name);
      if (!base) this.add('minor', name, 'new action');
      else this.action(base, head);
    }
  }

  private action(base: ActionModel, head: ActionModel): void {
    const where = head.name;
    if (base.version !== head.version)
      this.add('minor', where, `action version changed from ${base.version} to ${head.version}`);
    if (base.httpMethod !== head.httpMethod || base.protocol !== head.protocol) {
      this.add(
        'patch',
        where,
        `sent as ${head.httpMethod} ${head.protocol} instead of ${base.httpMethod} ${base.protocol}`,
      );
    }
    if (!base.pagination && head.pagination) this.add('minor', where, 'new paginator');
    else if (base.pagination && !head.pagination) this.add('major', where, 'paginator removed');
    else if (!same(base.pagination, head.pagination)) this.add('major', where, 'paginator pages differently');
    if (base.idempotencyToken !== head.idempotencyToken) this.add('minor', where, 'idempotency token member changed');
    this.docs(base, head, where, 'summary or description changed');
    if (!same(base.requestExample, head.requestExample) || !same(base.responseExample, head.responseExample))
      this.add('patch', where, 'examples changed');
    if (!same(base.tags, head.tags)) this.add('patch', where, 'tags changed');
    this.shape(base.input, head.input, 'input', { root: `${where} input`, path: '' });
    this.shape(base.output, head.output, 'output', { root: `${where} output`, path: '' });
  }

  private docs(
    base: { summary?: string; description?: string; deprecated?: boolean },
    head: typeof base,
    where: string,
    message: string,
  ): void {
    if (base.summary !== head.summary || base.description !== head.description) this.add('patch', where, message);
    if (!base.deprecated && head.deprecated) this.add('minor', where, 'now deprecated');
    if (base.deprecated && !head.deprecated) this.add('patch', where, 'no longer deprecated');
  }

  /** Compares the shapes at one place; either may be absent (an action without input, say). */
  private shape(baseName: string | undefined, headName: string | undefined, direction: Direction, place: Place): void {
    const key = `${direction}\n${baseName ?? ''}\n${headName ?? ''}`;
    if (this.visited.has(key)) return;
    this.visited.add(key);
    const base = (baseName && this.base.shapes.get(baseName)) || EMPTY_SHAPE;
    const head = (headName && this.head.shapes.get(headName)) || EMPTY_SHAPE;
    const where = show(place);
    const input = direction === 'input';
    // Enums of a shape that is sent are closed unions, in responses too.
    const closed =
      input ||
      (baseName !== undefined && this.baseClosed.has(baseName)) ||
      (headName !== undefined && this.headClosed.has(headName));

    if (base !== EMPTY_SHAPE && head !== EMPTY_SHAPE) this.docs(base, head, where, 'description changed');

    const baseMembers = new Map(base.properties.map((p) => [p.name, p]));
    const headMembers = new Map(head.properties.map((p) => [p.name, p]));
    for (const [name] of baseMembers) {
      if (!headMembers.has(name)) this.add('major', show(member(place, name)), 'member removed');
    }
    for (const [name, property] of headMembers) {
      const at = show(member(place, name));
      const required = head.required.includes(name);
      const baseProperty = baseMembers.get(name);
      if (!baseProperty) {
        if (input) this.add(required ? 'major' : 'minor', at, required ? 'new required member' : 'new optional member');
        else this.add('minor', at, 'new member');
        continue;
      }
      const wasRequired = base.required.includes(name);
      if (wasRequired && !required)
        this.add(
          input ? 'minor' : 'major',
          at,
          input ? 'no longer required' : 'may now be missing (no longer required)',
        );
      if (!wasRequired && required)
        this.add(input ? 'major' : 'minor', at, input ? 'now required' : 'now always present');
      this.property(baseProperty, property, direction, closed, member(place, name));
    }

    if (!base.additional && head.additional) this.add('minor', where, 'now accepts members beyond those listed');
    else if (base.additional && !head.additional)
      this.add('major', where, 'no longer accepts members beyond those listed');
    else if (base.additional && head.additional)
      this.type(base.additional, head.additional, direction, closed, suffixed(place, '{}'));

    const ruleLevel = input ? 'major' : 'patch';
    const relaxedLevel = input ? 'minor' : 'patch';
    this.rules(
      clean(base.dependentRequired),
      clean(head.dependentRequired),
      where,
      'dependent-required rules',
      ruleLevel,
      relaxedLevel,
    );
    this.rules(clean(base.conditionals), clean(head.conditionals), where, 'conditional rules', ruleLevel, relaxedLevel);
  }

  /** Rule lists compared as sets: a new rule tightens, a dropped one loosens. */
  private rules(
    base: readonly unknown[],
    head: readonly unknown[],
    where: string,
    what: string,
    tighter: BumpLevel,
    looser: BumpLevel,
  ): void {
    const baseKeys = new Set(base.map((r) => JSON.stringify(r)));
    const headKeys = new Set(head.map((r) => JSON.stringify(r)));
    if ([...headKeys].some((k) => !baseKeys.has(k))) this.add(tighter, where, `${what} added or changed`);
    if ([...baseKeys].some((k) => !headKeys.has(k))) this.add(looser, where, `${what} removed or changed`);
  }

  private property(
    base: PropertyModel,
    head: PropertyModel,
    direction: Direction,
    closed: boolean,
    place: Place,
  ): void {
    const where = show(place);
    this.docs(base, head, where, 'description changed');
    if (!same(base.example, head.example)) this.add('patch', where, 'example changed');
    if (!same(base.default, head.default)) this.add('patch', where, 'default changed');
    if (base.greaterThan !== head.greaterThan) {
      const input = direction === 'input';
      if (head.greaterThan) this.add(input ? 'major' : 'patch', where, `must now be greater than ${head.greaterThan}`);
      else this.add(input ? 'minor' : 'patch', where, `no longer compared with ${base.greaterThan}`);
    }
    this.type(base.type, head.type, direction, closed, place);
  }

  private type(base: TypeModel, head: TypeModel, direction: Direction, closed: boolean, place: Place): void {
    const where = show(place);
    const input = direction === 'input';
    if (isNumber(base) && isNumber(head)) {
      if (base.kind === 'number' && head.kind === 'integer')
        this.add(input ? 'major' : 'patch', where, 'must now be an integer');
      if (base.kind === 'integer' && head.kind === 'number')
        this.add(input ? 'minor' : 'patch', where, 'may now be any number, not only an integer');
      this.bounds(base, head, direction, where);
      return;
    }
    if (base.kind !== head.kind) {
      this.add('major', where, `type changed from ${kindName(base)} to ${kindName(head)}`);
      return;
    }
    switch (base.kind) {
      case 'string':
        this.string(base, head as StringType, direction, closed, where);
        return;
      case 'array': {
        const next = head as typeof base;
        this.limit('items', base.minItems, next.minItems, 'min', direction, where);
        this.limit('items', base.maxItems, next.maxItems, 'max', direction, where);
        if (!base.uniqueItems && next.uniqueItems)
          this.add(input ? 'major' : 'patch', where, 'items must now be unique');
        if (base.uniqueItems && !next.uniqueItems)
          this.add(input ? 'minor' : 'patch', where, 'items no longer need be unique');
        this.type(base.items, next.items, direction, closed, suffixed(place, '[]'));
        return;
      }
      case 'map':
        this.type(base.values, (head as typeof base).values, direction, closed, suffixed(place, '{}'));
        return;
      case 'ref':
        this.shape(base.name, (head as typeof base).name, direction, place);
        return;
      default:
        return;
    }
  }

  private string(base: StringType, head: StringType, direction: Direction, closed: boolean, where: string): void {
    const input = direction === 'input';
    const baseValues = allowedValues(base);
    const headValues = allowedValues(head);
    if (baseValues && headValues) {
      const removed = baseValues.filter((v) => !headValues.includes(v));
      const added = headValues.filter((v) => !baseValues.includes(v));
      if (removed.length > 0)
        this.add(
          closed ? 'major' : 'minor',
          where,
          `enum value${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed`,
        );
      if (added.length > 0)
        this.add('minor', where, `enum value${added.length > 1 ? 's' : ''} ${added.join(', ')} added`);
    } else if (!baseValues && headValues) {
      this.add(input ? 'major' : 'minor', where, `now limited to ${headValues.join(', ')}`);
    } else if (baseValues && !headValues) {
      this.add(input || !closed ? 'minor' : 'major', where, 'no longer limited to a list of values');
    }
    const tighter = input ? 'major' : 'patch';
    const looser = input ? 'minor' : 'patch';
    if (base.pattern !== head.pattern) {
      if (head.pattern) this.add(tighter, where, `must now match ${head.pattern}`);
      else this.add(looser, where, 'no longer has a pattern');
    }
    if (base.format !== head.format) {
      if (head.format) this.add(tighter, where, `format is now ${head.format}`);
      else this.add(looser, where, `no longer has format ${base.format}`);
    }
    this.limit('length', base.minLength, head.minLength, 'min', direction, where);
    this.limit('length', base.maxLength, head.maxLength, 'max', direction, where);
  }

  private bounds(base: NumberType, head: NumberType, direction: Direction, where: string): void {
    this.limit('value', base.minimum, head.minimum, 'min', direction, where);
    this.limit('value', base.exclusiveMinimum, head.exclusiveMinimum, 'min', direction, where, 'exclusive ');
    this.limit('value', base.maximum, head.maximum, 'max', direction, where);
    this.limit('value', base.exclusiveMaximum, head.exclusiveMaximum, 'max', direction, where, 'exclusive ');
  }

  /** A lower or upper bound: a new or tighter bound narrows the accepted values, a dropped or looser one widens them. */
  private limit(
    what: string,
    base: number | undefined,
    head: number | undefined,
    side: 'min' | 'max',
    direction: Direction,
    where: string,
    prefix = '',
  ): void {
    if (base === head) return;
    const name = `${prefix}${side === 'min' ? 'minimum' : 'maximum'} ${what}`;
    const tighter = head !== undefined && (base === undefined || (side === 'min' ? head > base : head < base));
    const input = direction === 'input';
    if (tighter) this.add(input ? 'major' : 'patch', where, `${name} tightened from ${base ?? 'none'} to ${head}`);
    else this.add(input ? 'minor' : 'patch', where, `${name} loosened from ${base} to ${head ?? 'none'}`);
  }

  /**
   * Interfaces the package exports: one per shape that some action reaches. Types that come and go
   * with a whole action are left out: "new action" or "action removed" already says it.
   */
  private exportedTypes(): void {
    const base = usedShapes(this.base);
    const head = usedShapes(this.head);
    const baseNames = new Set(this.base.actions.map((a) => a.name));
    const headNames = new Set(this.head.actions.map((a) => a.name));
    const ofActions = (model: ServiceModel, names: (name: string) => boolean) =>
      reachableShapes(
        model,
        model.actions.filter((a) => names(a.name)).flatMap((a) => [a.input, a.output]),
      );
    const withRemovedActions = ofActions(this.base, (name) => !headNames.has(name));
    const withNewActions = ofActions(this.head, (name) => !baseNames.has(name));
    for (const name of base) {
      if (!head.has(name) && this.base.shapes.has(name) && !withRemovedActions.has(name))
        this.add('major', `type ${name}`, 'exported type removed');
    }
    for (const name of head) {
      if (!base.has(name) && this.head.shapes.has(name) && !withNewActions.has(name))
        this.add('minor', `type ${name}`, 'new exported type');
    }
  }

  /** The `<Service>ErrorCode` union: every code the service and its actions declare. */
  private errorCodes(): void {
    const base = errorCodes(this.base);
    const head = errorCodes(this.head);
    for (const [code] of base)
      if (!head.has(code)) this.add('major', `error ${code}`, `removed from ${this.head.className}ErrorCode`);
    for (const [code, error] of head) {
      const before = base.get(code);
      if (!before) this.add('minor', `error ${code}`, `added to ${this.head.className}ErrorCode`);
      else if (before.retryable !== error.retryable || before.status !== error.status)
        this.add('minor', `error ${code}`, 'status or retry behaviour changed');
      else if (before.description !== error.description) this.add('patch', `error ${code}`, 'description changed');
    }
  }
}

function errorCodes(model: ServiceModel): Map<string, ErrorCodeModel> {
  const codes = new Map<string, ErrorCodeModel>();
  for (const error of [...model.errors, ...model.actions.flatMap((a) => a.errors)])
    if (!codes.has(error.code)) codes.set(error.code, error);
  return codes;
}

function allowedValues(type: StringType): readonly string[] | undefined {
  if (type.const !== undefined) return [type.const];
  return type.enum;
}

function isNumber(type: TypeModel): type is NumberType {
  return type.kind === 'integer' || type.kind === 'number';
}

function kindName(type: TypeModel): string {
  return type.kind === 'ref' ? type.name : type.kind;
}

/** Rules without their source positions, which move whenever the YAML around them does. */
function clean(rules: readonly object[]): unknown[] {
  return rules.map(
    (rule) =>
      JSON.parse(JSON.stringify(rule, (key, value: unknown) => (key === 'path' ? undefined : value))) as unknown,
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
