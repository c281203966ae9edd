import type { Diagnostic } from '../diagnostics.js';
import { diagnosticAt, type JsonPath, type SpecDocument } from '../read.js';
import type { Docs, ShapeModel } from './types.js';

/** A YAML mapping as plain data. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What building one service model shares between its parts: the document, the schemas under
 * `components.schemas`, the shapes made so far, and every problem found (reported together at the end).
 */
export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly shapes = new Map<string, ShapeModel>();
  readonly schemas: Json;
  /** Shapes being converted, to stop reference cycles through non-object aliases. */
  readonly converting = new Set<string>();

  constructor(readonly doc: SpecDocument) {
    const root = isObject(doc.data) ? doc.data : {};
    const components = isObject(root.components) ? root.components : {};
    this.schemas = isObject(components.schemas) ? components.schemas : {};
  }

  error(path: JsonPath, rule: string, message: string, hint?: string, key = false): void {
    this.diagnostics.push(diagnosticAt(this.doc, path, rule, message, hint, key));
  }
}

/** The summary, description and deprecation of an operation, schema or property, trimmed. */
export function docs(node: Json): Docs {
  return {
    ...(typeof node.summary === 'string' ? { summary: node.summary.trim() } : {}),
    ...(typeof node.description === 'string' ? { description: node.description.trim() } : {}),
    ...(node.deprecated === true ? { deprecated: true } : {}),
  };
}
