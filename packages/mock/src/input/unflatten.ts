import { deref, isRecord, schemaTypes, type Schema } from '../catalog/refs.js';

/** A query or form value tree before types are known: strings, repeated keys as lists, dotted keys as nodes. */
type RawNode = string | RawNode[] | { [key: string]: RawNode };

/** Keys that route the request rather than carry input. */
const ROUTING_KEYS = new Set(['Action', 'Version']);

/**
 * Turns flattened query or form pairs (`Filters.1.Name=x`, lists numbered from 1) back into the input
 * object, converting numbers and booleans where the schema asks for them. Values that do not convert
 * stay strings, so validation reports them.
 *
 * A member's name is its wire name and may hold dots itself (`PodsConfig.PodNetworkMode`): at each level
 * the longest run of segments that names a declared member is that member. Members named like
 * Object.prototype's (`constructor`, `__proto__`) are own members like any other.
 */
export function unflattenInput(
  pairs: Iterable<[string, string]>,
  schema: Schema | undefined,
  document: unknown,
): Record<string, unknown> {
  const root = rawObject();
  for (const [key, value] of pairs) {
    if (ROUTING_KEYS.has(key)) continue;
    insert(root, key.split('.'), value, schema, document);
  }
  const shaped = shape(root, schema, document, 0);
  return isRecord(shaped) ? shaped : {};
}

/** A node of the raw tree: no prototype, so no key reads anything it was not given. */
function rawObject(): Record<string, RawNode> {
  return Object.create(null) as Record<string, RawNode>;
}

function insert(
  node: Record<string, RawNode>,
  segments: string[],
  value: string,
  rawSchema: Schema | undefined,
  document: unknown,
): void {
  if (segments.length === 0) return;
  const schema = rawSchema ? deref(document, rawSchema) : undefined;
  const { key, rest, child: childSchema } = memberOf(segments, schema, document);
  if (rest.length === 0) {
    const existing = node[key];
    if (existing === undefined) node[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else if (typeof existing === 'string') node[key] = [existing, value];
    return;
  }
  let child = node[key];
  if (!isRecord(child)) {
    child = rawObject();
    node[key] = child;
  }
  insert(child as Record<string, RawNode>, rest, value, childSchema, document);
}

/**
 * The member a flattened key starts with, the segments left for inside it, and its schema: a list item's
 * number, a declared member (the longest that matches, dots included), or else the first segment.
 */
function memberOf(
  segments: string[],
  schema: Schema | undefined,
  document: unknown,
): { key: string; rest: string[]; child: Schema | undefined } {
  const [head = '', ...tail] = segments;
  if (!schema) return { key: head, rest: tail, child: undefined };
  if (isArraySchema(schema))
    return { key: head, rest: tail, child: isRecord(schema.items) ? (schema.items as Schema) : undefined };
  const properties = propertiesOf(schema, document);
  for (let count = segments.length; count > 1; count--) {
    const name = segments.slice(0, count).join('.');
    if (Object.hasOwn(properties, name)) return { key: name, rest: segments.slice(count), child: properties[name] };
  }
  const extra = isRecord(schema.additionalProperties) ? (schema.additionalProperties as Schema) : undefined;
  return { key: head, rest: tail, child: Object.hasOwn(properties, head) ? properties[head] : extra };
}

function isArraySchema(schema: Schema | undefined): boolean {
  const types = schemaTypes(schema);
  return types.includes('array') || (types.length === 0 && !!schema && 'items' in schema);
}

/** Sets an own member, even one named `__proto__` (which plain assignment would take as the prototype). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

const NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const MAX_DEPTH = 32;

/** Properties of an object schema, including those its `allOf` members declare. */
function propertiesOf(schema: Schema, document: unknown): Record<string, Schema> {
  const own = isRecord(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  if (!Array.isArray(schema.allOf)) return own;
  const merged: Record<string, Schema> = Object.create(null) as Record<string, Schema>;
  for (const member of schema.allOf) {
    const target = isRecord(member) ? deref(document, member) : undefined;
    if (target) Object.assign(merged, propertiesOf(target, document));
  }
  return { ...merged, ...own };
}

function shape(node: RawNode, rawSchema: Schema | undefined, document: unknown, depth: number): unknown {
  const schema = rawSchema ? deref(document, rawSchema) : undefined;
  if (depth > MAX_DEPTH) return node;
  const types = schemaTypes(schema);
  if (isArraySchema(schema))
    return toList(node).map((item) =>
      shape(item, isRecord(schema?.items) ? (schema.items as Schema) : undefined, document, depth + 1),
    );
  if (isRecord(node)) {
    if (!schema && isNumberedList(node)) return toList(node).map((item) => shape(item, undefined, document, depth + 1));
    const properties = schema ? propertiesOf(schema, document) : {};
    const extra = isRecord(schema?.additionalProperties) ? (schema.additionalProperties as Schema) : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node))
      setOwn(out, key, shape(value, Object.hasOwn(properties, key) ? properties[key] : extra, document, depth + 1));
    return out;
  }
  if (typeof node === 'string') return convertScalar(node, types);
  return node;
}

function convertScalar(value: string, types: string[]): unknown {
  if ((types.includes('integer') || types.includes('number')) && !types.includes('string') && NUMERIC.test(value))
    return Number(value);
  if (types.includes('boolean') && !types.includes('string')) {
    if (value === 'true') return true;
    if (value === 'false') return false;
  }
  return value;
}

function isNumberedList(node: Record<string, RawNode>): boolean {
  const keys = Object.keys(node);
  return keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
}

/** A numbered node (`1`, `2`, ...) in number order, a repeated key's values, or a single value as a list of one. */
function toList(node: RawNode): RawNode[] {
  if (Array.isArray(node)) return node;
  if (isRecord(node) && isNumberedList(node)) {
    return Object.keys(node)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => node[key] as RawNode);
  }
  return [node];
}
