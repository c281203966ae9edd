import type { TypeModel } from '@volc-ts/spec';
import { literal } from './literal.js';

/**
 * The TypeScript type of a model type. `open` (responses) lets every string enum accept values the
 * SDK does not know; on requests (`open` false) only confirmed enums are closed.
 */
export function tsType(type: TypeModel, open: boolean): string {
  switch (type.kind) {
    case 'string':
      if (type.const !== undefined) return literal(type.const);
      if (type.enum)
        return [
          ...type.enum.map((value) => literal(value)),
          ...(open || !type.enumConfirmed ? ['(string & {})'] : []),
        ].join(' | ');
      return 'string';
    case 'integer':
      // An int64 beyond 2^53 cannot be a number exactly: the runtime reads it as a bigint and sends bigints as written.
      return type.format === 'int64' ? 'number | bigint' : 'number';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = tsType(type.items, open);
      return /[| ]/.test(item) ? `Array<${item}>` : `${item}[]`;
    }
    case 'map':
      return `Record<string, ${tsType(type.values, open)}>`;
    case 'ref':
      return type.name;
    case 'object':
      return 'Record<string, unknown>';
    case 'unknown':
      return 'unknown';
  }
}

/**
 * The members of TypeScript's `Object` interface. TypeScript looks a member that an object type lacks up
 * there, so `{}` has a `constructor` of type `Function`: an optional member of such a name typed only as
 * the spec says (`constructor?: string`) would refuse every object that leaves it out.
 */
const OBJECT_MEMBERS = new Set([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);

/**
 * The alternatives of a member's type in an interface or object type: `types`, plus what TypeScript
 * reads for it from `Object` when it is optional and named like a member of `Object`
 * (`toString?: string | Object['toString']`), so an object without it still fits.
 */
export function memberTypes(name: string, optional: boolean, types: readonly string[]): string[] {
  return optional && OBJECT_MEMBERS.has(name) ? [...types, `Object[${literal(name)}]`] : [...types];
}

/** Whether {@link memberTypes} widens this member with `Object[name]`. */
export function widenedByObject(name: string, optional: boolean): boolean {
  return optional && OBJECT_MEMBERS.has(name);
}
