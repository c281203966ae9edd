import { deref, isRecord, schemaTypes, type Schema } from '../catalog/refs.js';
import { getOwn, setOwn } from './own.js';

/** A query or form value tree before types are known: strings, repeated keys as lists, dotted keys as nodes. */
type RawNode = string | RawNode[] | { [key: string]: RawNode };

/** Keys that route the request rather than carry input. */
const ROUTING_KEYS = new Set(['Action', 'Version']);

/**
 * Turns flattened query or form pairs (`Filters.1.Name=x`, lists numbered from 1) back into the input
 * object, converting numbers and booleans where the schema asks for them. Values that do not convert
 * stay strings, so validation reports them. The tree is built from objects without a prototype and the
 * result with own data properties, so a key segment such as `__proto__` or `constructor` is a member
 * like any other and never reaches Object.prototype; `refuseUndeclaredNames` then refuses it unless the
 * schema declares it.
 */
export function unflattenInput(
  pairs: Iterable<[string, string]>,
  schema: Schema | undefined,
  document: unknown,
): Record<string, unknown> {
  const root: Record<string, RawNode> = Object.create(null);
  for (const [key, value] of pairs) {
    if (ROUTING_KEYS.has(key)) continue;
    insert(root, key.split('.'), value);
  }
  const shaped = shape(root, schema, document, 0);
  return isRecord(shaped) ? shaped : {};
}

function insert(node: Record<string, RawNode>, segments: string[], value: string): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (rest.length === 0) {
    const existing = node[head];
    if (existing === undefined) node[head] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else if (typeof existing === 'string') node[head] = [existing, value];
    return;
  }
  let child = node[head];
  if (!isRecord(child)) {
    child = Object.create(null) as Record<string, RawNode>;
    node[head] = child;
  }
  insert(child as Record<string, RawNode>, rest, value);
}

const NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const MAX_DEPTH = 32;

/**
 * Properties of an object schema, including those its `allOf` members declare. Read them with `getOwn`:
 * a spec may declare a member named `constructor` or `__proto__`, and must not find Object.prototype's.
 */
export function propertiesOf(schema: Schema, document: unknown): Record<string, Schema> {
  const own = isRecord(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  if (!Array.isArray(schema.allOf)) return own;
  let merged: Record<string, Schema> = {};
  for (const member of schema.allOf) {
    const target = isRecord(member) ? deref(document, member) : undefined;
    // Spread defines own properties (Object.assign would set a `__proto__` key as the prototype).
    if (target) merged = { ...merged, ...propertiesOf(target, document) };
  }
  return { ...merged, ...own };
}

function shape(node: RawNode, rawSchema: Schema | undefined, document: unknown, depth: number): unknown {
  const schema = rawSchema ? deref(document, rawSchema) : undefined;
  if (depth > MAX_DEPTH) return node;
  const types = schemaTypes(schema);
  const isArray = types.includes('array') || (types.length === 0 && !!schema && 'items' in schema);
  if (isArray)
    return toList(node).map((item) =>
      shape(item, isRecord(schema?.items) ? (schema.items as Schema) : undefined, document, depth + 1),
    );
  if (isRecord(node)) {
    if (!schema && isNumberedList(node)) return toList(node).map((item) => shape(item, undefined, document, depth + 1));
    const properties = schema ? propertiesOf(schema, document) : {};
    const extra = isRecord(schema?.additionalProperties) ? (schema.additionalProperties as Schema) : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node))
      setOwn(out, key, shape(value, getOwn(properties, key) ?? extra, document, depth + 1));
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
