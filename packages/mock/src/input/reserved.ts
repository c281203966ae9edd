import { deref, isRecord, type Schema } from '../catalog/refs.js';
import { MockServiceError } from '../error-codes.js';
import { PROTOTYPE_NAMES } from './own.js';
import { propertiesOf } from './unflatten.js';

const MAX_DEPTH = 64;

/**
 * Refuses, as `InvalidParameter`, a member named `__proto__`, `constructor` or `prototype` anywhere in an
 * input (a JSON body or un-flattened query and form pairs) unless the schema at that place declares a
 * property by that name. Below a member the schema does not know, and among the keys of a map
 * (`additionalProperties`), nothing is declared. The client refuses the same members before sending.
 */
export function refuseUndeclaredNames(input: unknown, schema: Schema | undefined, document: unknown): void {
  check(input, schema, document, '', 0);
}

function check(value: unknown, rawSchema: Schema | undefined, document: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  const schema = rawSchema ? deref(document, rawSchema) : undefined;
  if (Array.isArray(value)) {
    const items = isRecord(schema?.items) ? (schema.items as Schema) : undefined;
    for (const [index, item] of value.entries()) check(item, items, document, `${path}[${index}]`, depth + 1);
    return;
  }
  const properties = schema ? propertiesOf(schema, document) : {};
  const extra = isRecord(schema?.additionalProperties) ? (schema.additionalProperties as Schema) : undefined;
  for (const key of Object.keys(value)) {
    const declared = Object.hasOwn(properties, key);
    const memberPath = path === '' ? key : `${path}.${key}`;
    if (!declared && PROTOTYPE_NAMES.has(key)) {
      throw new MockServiceError('InvalidParameter', '', {
        message: `The parameter ${memberPath} is invalid: __proto__, constructor and prototype are accepted only where the spec declares them.`,
      });
    }
    check((value as Record<string, unknown>)[key], declared ? properties[key] : extra, document, memberPath, depth + 1);
  }
}
