/** A JSON Schema node as it appears in the spec; the mock reads it loosely. */
export type Schema = Record<string, unknown>;

/** Follows a local `$ref` (`#/components/schemas/X`) inside `document`; other refs are not supported. */
export function resolveRef(document: unknown, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'object' && node !== null ? (node as Schema) : undefined;
}

/** Returns the schema a node stands for, following `$ref` chains (with a guard against loops). */
export function deref(document: unknown, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 32; hops++) {
    current = resolveRef(document, current.$ref);
  }
  return current;
}

/** The JSON Schema types a node allows (`type` may be a string or a list); empty when unstated. */
export function schemaTypes(schema: Schema | undefined): string[] {
  const type = schema?.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
