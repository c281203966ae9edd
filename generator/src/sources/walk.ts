/**
 * Pairs a spec's actions and members with what each official source says about them. The sync
 * (`volc-gen sync`) and the conformance test both start from this walk, so they compare the same
 * things: an action by name, then its input and its Result member by member, following nested
 * shapes through `$ref`s, array items and map values.
 */
import type { ActionFacts, MemberFacts, ServiceFacts, ShapeFacts, SourceName } from './facts.js';

export const SOURCES: readonly SourceName[] = ['node', 'go', 'cli'];

type Json = Record<string, unknown>;

/** What one source says about one member. */
export interface SourceMember {
  readonly source: SourceName;
  readonly facts: MemberFacts;
  readonly required: boolean;
}

/** One member of one spec schema, with what every source that reaches it says. */
export interface MemberVisit {
  /** The spec schema (`components.schemas` name) that holds the member. */
  readonly schema: string;
  /** The wire name, as the sources write it. */
  readonly name: string;
  /** The spec property, when the spec has one under that name. */
  readonly property?: Json;
  /** The spec's property name when it differs from `name` (an escape such as `_Query`). */
  readonly specName?: string;
  readonly sources: readonly SourceMember[];
}

export interface ActionVisit {
  readonly action: string;
  /** The path key (`/?Action=...&Version=...`) and the operation's verb (`post`, `get`). */
  readonly path: string;
  readonly verb: string;
  /** The spec operation (`post` or `get` object). */
  readonly operation: Json;
  readonly method: 'GET' | 'POST';
  /** `application/json`, `application/x-www-form-urlencoded`, or `text/plain` for GET. */
  readonly contentType: string;
  readonly input?: string;
  readonly output?: string;
}

/** The spec's actions with their method, body and the schema names of input and Result. */
export function specActions(spec: Json): ActionVisit[] {
  const actions: ActionVisit[] = [];
  const paths = (spec.paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [verb, operation] of Object.entries(item ?? {})) {
      if (!isJson(operation) || typeof operation.operationId !== 'string') continue;
      const method = verb.toUpperCase() === 'GET' ? 'GET' : 'POST';
      let contentType = 'text/plain';
      let input: string | undefined;
      if (method === 'GET') {
        const parameter = (operation.parameters as Json[] | undefined)?.find((p) => p.in === 'query');
        input = refName(parameter?.schema);
      } else {
        const content = ((operation.requestBody as Json | undefined)?.content ?? {}) as Record<string, Json>;
        const [type, body] = Object.entries(content)[0] ?? [];
        if (type) contentType = type;
        input = refName(body?.schema);
      }
      const ok = (operation.responses as Json | undefined)?.['200'] as Json | undefined;
      const schema = ((ok?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as
        | Json
        | undefined;
      const output = refName((schema?.properties as Json | undefined)?.Result);
      actions.push({
        action: operation.operationId,
        path,
        verb,
        operation,
        method,
        contentType,
        ...(input ? { input } : {}),
        ...(output ? { output } : {}),
      });
    }
  }
  return actions;
}

/** `#/components/schemas/X` -> `X`, through array items and map values. */
export function refName(schema: unknown): string | undefined {
  if (!isJson(schema)) return undefined;
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').at(-1);
  if (schema.type === 'array') return refName(schema.items);
  if (isJson(schema.additionalProperties)) return refName(schema.additionalProperties);
  return undefined;
}

/** The shape a member type leads to, through arrays and maps. */
export function factsRef(type: MemberFacts | undefined): string | undefined {
  if (!type) return undefined;
  if ('ref' in type) return type.ref;
  if ('type' in type && type.type === 'array') return factsRef(type.items as MemberFacts);
  if ('type' in type && type.type === 'map') return factsRef(type.values as MemberFacts);
  return undefined;
}

/**
 * Every member reached from the given pairs of (spec schema, source shapes), each spec schema and
 * source shape pair visited once. A spec property and a source member are the same member when the
 * names are equal, or when the spec's name is the source's with the Node SDK's escape (`_Query`) or
 * with `_` written for a `.` (`PodsConfig_PodNetworkMode`).
 */
export function walkMembers(
  spec: Json,
  start: readonly { schema: string; shapes: Partial<Record<SourceName, string>> }[],
  facts: Partial<Record<SourceName, ServiceFacts>>,
  visit: (member: MemberVisit) => void,
): void {
  const schemas = ((spec.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const seen = new Set<string>();
  const queue = [...start];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const key = `${next.schema}\u0000${SOURCES.map((s) => next.shapes[s] ?? '').join('\u0000')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const schema = schemas[next.schema];
    if (!isJson(schema)) continue;
    const properties = (isJson(schema.properties) ? schema.properties : {}) as Record<string, Json>;
    const shapes: [SourceName, ShapeFacts][] = [];
    for (const source of SOURCES) {
      const name = next.shapes[source];
      const shape = name ? facts[source]?.shapes[name] : undefined;
      if (shape) shapes.push([source, shape]);
    }
    if (shapes.length === 0) continue;
    const names: string[] = [];
    for (const [, shape] of shapes)
      for (const name of Object.keys(shape.members)) if (!names.includes(name)) names.push(name);
    // The Node catalog writes a `.` in a name as `_`: `PodsConfig_PodNetworkMode` is the member that
    // another source calls `PodsConfig.PodNetworkMode`.
    const dotted = new Map<string, string>();
    for (const name of names) {
      const underscored = name.replaceAll('.', '_');
      if (name.includes('.') && names.includes(underscored)) dotted.set(underscored, name);
    }
    for (const name of names) {
      if (dotted.has(name)) continue;
      const specName = matchProperty(properties, name, names);
      const underscored = name.replaceAll('.', '_');
      const sources: SourceMember[] = [];
      for (const [source, shape] of shapes) {
        const key = name in shape.members ? name : dotted.get(underscored) === name ? underscored : undefined;
        const member = key === undefined ? undefined : shape.members[key];
        if (!member || key === undefined) continue;
        const facts = key === name ? member : ({ ...member, sourceName: key } as MemberFacts);
        sources.push({ source, facts, required: shape.required.includes(key) });
      }
      const property = specName === undefined ? undefined : properties[specName];
      visit({
        schema: next.schema,
        name,
        ...(property ? { property } : {}),
        ...(specName !== undefined && specName !== name ? { specName } : {}),
        sources,
      });
      const child = refName(property);
      if (!child) continue;
      const childShapes: Partial<Record<SourceName, string>> = {};
      for (const member of sources) {
        const ref = factsRef(member.facts);
        if (ref) childShapes[member.source] = ref;
      }
      if (Object.keys(childShapes).length > 0) queue.push({ schema: child, shapes: childShapes });
    }
  }
}

/** The spec property that stands for the source member `name`, if any. */
function matchProperty(
  properties: Record<string, Json>,
  name: string,
  sourceNames: readonly string[],
): string | undefined {
  if (name in properties) return name;
  const escaped = `_${name}`;
  if (escaped in properties && !sourceNames.includes(escaped)) return escaped;
  if (name.includes('.')) {
    const underscored = name.replaceAll('.', '_');
    if (underscored in properties) return underscored;
  }
  return undefined;
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The kind of a spec schema, in the terms the sources can state. */
export function specKind(schema: Json | undefined): Kind {
  if (!schema) return 'unknown';
  if (typeof schema.$ref === 'string') return 'object';
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return isJson(schema.additionalProperties) ? 'map' : 'object';
    default:
      return 'any';
  }
}

/** The kind of a source member type. */
export function factsKind(type: MemberFacts): Kind {
  if ('ref' in type) return 'object';
  switch (type.type) {
    case 'number':
      return type.format === 'float' || type.format === 'double' || type.format === undefined ? 'number' : 'integer';
    case 'map':
      return 'map';
    case 'string':
      // The CLI's `json_number` (Go's json.Number): digits a client writes as a JSON number.
      return (type as { format?: string }).format === 'json_number' ? 'number' : 'string';
    default:
      return type.type;
  }
}

export type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'map' | 'any' | 'unknown';

/**
 * Whether two kinds can describe the same wire value without one refusing what the other sends:
 * `number` is the Node SDK's word for any number, so it agrees with `integer`; `any` agrees with all.
 */
export function kindsAgree(a: Kind, b: Kind): boolean {
  if (a === b || a === 'any' || b === 'any' || a === 'unknown' || b === 'unknown') return true;
  return (a === 'number' && b === 'integer') || (a === 'integer' && b === 'number');
}

/**
 * Members a hand-written rule of the schema requires in some cases only (`then.required` of an
 * `if`/`then`, or a `dependentRequired` target): their required flag is the rule's, not a source's.
 */
export function conditionallyRequired(schema: Json | undefined): Set<string> {
  const names = new Set<string>();
  if (!schema) return names;
  const conditions = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : [])];
  for (const condition of conditions) {
    const then = isJson(condition) && isJson(condition.then) ? condition.then : undefined;
    if (Array.isArray(then?.required)) for (const name of then.required) names.add(String(name));
  }
  if (isJson(schema.dependentRequired)) {
    for (const [name, targets] of Object.entries(schema.dependentRequired)) {
      names.add(name);
      if (Array.isArray(targets)) for (const target of targets) names.add(String(target));
    }
  }
  return names;
}

/**
 * How a source lists an action: with the method and body it states (`callable`), or only by name
 * with its shapes (the CLI's actions without `ApiInfo`). Undefined when the source lacks it.
 */
export function listedAction(
  facts: ServiceFacts | undefined,
  name: string,
): { input?: string | null; output?: string | null; callable?: ActionFacts } | undefined {
  const callable = facts?.actions.find((a) => a.name === name);
  if (callable) return { input: callable.input ?? null, output: callable.output ?? null, callable };
  return facts?.uncallable?.find((a) => a.name === name);
}

/** Where a walk of one action starts: its input and its Result, paired with each source's shape names. */
export function actionStarts(
  action: ActionVisit,
  group: Partial<Record<SourceName, ServiceFacts>>,
  sources: readonly SourceName[],
): WalkStart[] {
  const starts: WalkStart[] = [];
  for (const side of ['input', 'output'] as const) {
    const schema = action[side];
    if (!schema) continue;
    const shapes: Partial<Record<SourceName, string>> = {};
    for (const s of sources) {
      const name = listedAction(group[s], action.action)?.[side];
      if (name) shapes[s] = name;
    }
    starts.push({ schema, shapes });
  }
  return starts;
}

export interface WalkStart {
  readonly schema: string;
  readonly shapes: Partial<Record<SourceName, string>>;
}

/**
 * The required-flag policy (spec/README.md): required when two or more sources require the member, or
 * when the one source that knows it does.
 */
export function requiredByPolicy(requiring: number, knowing: number): boolean {
  return requiring >= 2 || (requiring === 1 && knowing === 1);
}
