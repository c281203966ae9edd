const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A member's name as a key of an interface or object type: bare where it is an identifier, else quoted
 * (`'PodsConfig.PodNetworkMode'`, `'dc-name'`, `'2xx'`). A member's name is its wire name, never changed.
 */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : literal(name);
}

/**
 * A value as TypeScript source, the way a person would type it: strings in single quotes, object keys
 * bare where they are identifiers, nested objects and lists one entry per line below `indent`.
 */
export function literal(value: unknown, indent = ''): string {
  if (typeof value === 'string')
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => literal(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${objectKey(k)}: ${literal(v, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * A key of an object literal. `__proto__`, bare or quoted, would set the object's prototype instead of a
 * member, so it is written as a computed key, which defines a member like any other.
 */
function objectKey(key: string): string {
  return key === '__proto__' ? `['__proto__']` : propertyKey(key);
}
