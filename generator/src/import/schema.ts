/** Catalog shapes and member types as OpenAPI 3.1 schema objects (plain data, in the spec's key order). */
import type { CatalogShape, CatalogType } from './catalog.js';

export type Schema = Record<string, unknown>;

export const SCHEMA_REF_PREFIX = '#/components/schemas/';

export function schemaRef(name: string): Schema {
  return { $ref: `${SCHEMA_REF_PREFIX}${name}` };
}

/** `{ type: object, properties, required? }`, members in catalog order. */
export function shapeSchema(shape: CatalogShape): Schema {
  const names = Object.keys(shape.members);
  const schema: Schema = { type: 'object' };
  if (names.length > 0) {
    schema.properties = Object.fromEntries(names.map((name) => [name, typeSchema(shape.members[name]!)]));
  }
  // A required name with no member would make the spec invalid; keep only real members, once each.
  const required = [...new Set(shape.required ?? [])].filter((name) => names.includes(name));
  if (required.length > 0) schema.required = required;
  return schema;
}

export function typeSchema(type: CatalogType): Schema {
  if ('ref' in type) return schemaRef(type.ref);
  switch (type.type) {
    case 'string':
      return type.enum ? enumSchema(type.enum) : { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return numberSchema(type.format);
    case 'any':
      return { description: 'Any JSON value.' };
    case 'array':
      return { type: 'array', items: typeSchema(type.items) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(type.values) };
    default:
      throw new Error(`unknown catalog type ${JSON.stringify(type)}`);
  }
}

/**
 * A string enum with the catalog's values cleaned: each value trimmed, and a value that joins several
 * with full-width commas (`'MonthlyP95，DailyPeak'`) split into them; empty and repeated values dropped.
 * When cleaning changed the list, the catalog's own list is kept in `x-volc-catalog-enum`, so the spec
 * records what the import did. The enum stays open (never validated) until a person confirms it with
 * `x-volc-enum-confirmed: true`.
 */
export function enumSchema(values: readonly string[]): Schema {
  const cleaned = [...new Set(values.flatMap(cleanEnumValue))];
  const schema: Schema = { type: 'string' };
  if (cleaned.length > 0) schema.enum = cleaned;
  if (cleaned.length !== values.length || cleaned.some((value, i) => value !== values[i]))
    schema['x-volc-catalog-enum'] = [...values];
  return schema;
}

/** `' Asc'` -> `['Asc']`; `'A，B'` -> `['A', 'B']`. */
export function cleanEnumValue(value: string): string[] {
  return value
    .split('，')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * The catalog's number formats come from the Go SDK's struct tags. `integer` is a Go tag without a
 * width on an int64 field, so it becomes int64.
 */
function numberSchema(format: string | undefined): Schema {
  switch (format) {
    case 'int32':
    case 'int64':
      return { type: 'integer', format };
    case 'integer':
      return { type: 'integer', format: 'int64' };
    case 'float':
    case 'double':
      return { type: 'number', format };
    case undefined:
      return { type: 'number' };
    default:
      throw new Error(`unknown number format ${format}`);
  }
}

/** Shapes named by `$ref`s anywhere in a schema. */
export function referencedShapes(schema: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) referencedShapes(item, into);
  } else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF_PREFIX)) {
        into.add(value.slice(SCHEMA_REF_PREFIX.length));
      } else {
        referencedShapes(value, into);
      }
    }
  }
  return into;
}
