import { literal } from './writer.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders JSON data as a TypeScript literal, the way a person would type it: bare keys, single quotes. */
export function jsLiteral(value: unknown, indent = ''): string {
  if (typeof value === 'string') return literal(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => jsLiteral(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${jsLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : literal(k)}: ${jsLiteral(v, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}
