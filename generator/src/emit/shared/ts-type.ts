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
