import { deref, isRecord, schemaTypes, type Schema } from '../catalog/refs.js';

const MAX_DEPTH = 8;

/**
 * Builds a deterministic value that the schema accepts: `const`, else the first `enum` value, else
 * the schema's `example` or `default` when it has the right type, else a plain value of the type
 * (`"string"`, the smallest allowed number, one array item, every object property). A `$ref` that is
 * already being expanded, or nesting past eight levels, stops the expansion.
 */
export function sampleFromSchema(schema: Schema | undefined, document: unknown): unknown {
  return sample(schema, document, [], 0);
}

function sample(rawSchema: Schema | undefined, document: unknown, refs: string[], depth: number): unknown {
  const ref = typeof rawSchema?.$ref === 'string' ? rawSchema.$ref : undefined;
  if (ref && refs.includes(ref)) return undefined;
  const schema = deref(document, rawSchema);
  if (!schema) return undefined;
  const path = ref ? [...refs, ref] : refs;

  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const types = typeOf(schema, document);
  for (const candidate of [
    schema.example,
    schema.default,
    Array.isArray(schema.examples) ? schema.examples[0] : undefined,
  ]) {
    if (candidate !== undefined && fitsType(candidate, types[0])) return candidate;
  }
  switch (types[0]) {
    case 'object':
      return depth >= MAX_DEPTH ? {} : sampleObject(schema, document, path, depth);
    case 'array': {
      if (depth >= MAX_DEPTH) return [];
      const item = sample(isRecord(schema.items) ? (schema.items as Schema) : undefined, document, path, depth + 1);
      const count = typeof schema.minItems === 'number' ? Math.max(1, schema.minItems) : 1;
      return item === undefined ? [] : Array.from({ length: count }, () => item);
    }
    case 'integer':
    case 'number':
      return sampleNumber(schema, types[0]);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return sampleString(schema);
    default:
      return undefined;
  }
}

function typeOf(schema: Schema, document: unknown): string[] {
  const types = schemaTypes(schema).filter((t) => t !== 'null');
  if (types.length > 0) return types;
  if (isRecord(schema.properties) || Array.isArray(schema.allOf)) return ['object'];
  if ('items' in schema) return ['array'];
  const variant = Array.isArray(schema.oneOf)
    ? schema.oneOf[0]
    : Array.isArray(schema.anyOf)
      ? schema.anyOf[0]
      : undefined;
  if (isRecord(variant)) {
    const target = deref(document, variant);
    return target ? typeOf(target, document) : [];
  }
  return schemaTypes(schema);
}

function fitsType(value: unknown, type: string | undefined): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return false;
  }
}

function sampleObject(schema: Schema, document: unknown, refs: string[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const members: Schema[] = [schema];
  if (Array.isArray(schema.allOf)) for (const member of schema.allOf) if (isRecord(member)) members.push(member);
  for (const member of members) {
    const target = deref(document, member);
    if (!target || !isRecord(target.properties)) continue;
    for (const [name, property] of Object.entries(target.properties)) {
      if (!isRecord(property)) continue;
      const value = sample(property, document, refs, depth + 1);
      // Defined, not assigned: a member named `__proto__` is a member, not the prototype.
      if (value !== undefined)
        Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
    }
  }
  return out;
}

function sampleNumber(schema: Schema, type: 'integer' | 'number'): number {
  let value = type === 'integer' ? 1 : 1.5;
  if (typeof schema.minimum === 'number') value = Math.max(value, schema.minimum);
  if (typeof schema.exclusiveMinimum === 'number') value = Math.max(value, schema.exclusiveMinimum + 1);
  if (typeof schema.maximum === 'number') value = Math.min(value, schema.maximum);
  if (typeof schema.exclusiveMaximum === 'number') value = Math.min(value, schema.exclusiveMaximum - 1);
  return type === 'integer' ? Math.ceil(value) : value;
}

function sampleString(schema: Schema): string {
  switch (schema.format) {
    case 'date-time':
      return '2025-01-01T00:00:00Z';
    case 'date':
      return '2025-01-01';
    default: {
      let value = 'string';
      if (typeof schema.minLength === 'number' && value.length < schema.minLength)
        value = value.padEnd(schema.minLength, 'x');
      if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
        value = value.slice(0, schema.maxLength);
      return value;
    }
  }
}
