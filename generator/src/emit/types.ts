import type { ServiceModel, ShapeModel, TypeModel } from '../model/types.js';
import { constraintTags, paragraphs, propertyRules, shapeRules } from './docs.js';
import { literal, renderTs, writeDoc, type WriterFunction } from './writer.js';

/**
 * Shapes reachable from some action's input. Their confirmed enums (`x-volc-enum-confirmed`) are
 * closed and checked by the client; every other enum stays open, on requests because nobody checked
 * that the list is complete, and in responses because the service may be newer than the SDK.
 */
export function inputShapes(model: ServiceModel): Set<string> {
  return reachableShapes(model, model.actions.map((a) => a.input));
}

/** Shapes some action's input or Result reaches; schemas used nowhere else (say, ResponseMetadata) are left out. */
export function usedShapes(model: ServiceModel): Set<string> {
  return reachableShapes(model, model.actions.flatMap((a) => [a.input, a.output]));
}

/** Every shape reachable from the roots through references, the roots included. */
export function reachableShapes(model: ServiceModel, roots: readonly (string | undefined)[]): Set<string> {
  const reached = new Set<string>();
  const visit = (name: string | undefined) => {
    if (!name || reached.has(name)) return;
    reached.add(name);
    const shape = model.shapes.get(name);
    if (!shape) return;
    for (const property of shape.properties) refsOf(property.type).forEach(visit);
    if (shape.additional) refsOf(shape.additional).forEach(visit);
  };
  roots.forEach(visit);
  return reached;
}

export function refsOf(type: TypeModel): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.name];
    case 'array':
      return refsOf(type.items);
    case 'map':
      return refsOf(type.values);
    default:
      return [];
  }
}

/**
 * The TypeScript type of a model type. `open` (responses) lets every string enum accept values the
 * SDK does not know; on requests (`open` false) only confirmed enums are closed.
 */
export function tsType(type: TypeModel, open: boolean): string {
  switch (type.kind) {
    case 'string':
      if (type.const !== undefined) return literal(type.const);
      if (type.enum) return [...type.enum.map(literal), ...(open || !type.enumConfirmed ? ['(string & {})'] : [])].join(' | ');
      return 'string';
    case 'integer':
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

/** `src/types.ts`: one interface per shape, in name order, each member documented from the spec. */
export function emitTypes(model: ServiceModel, header: string): string {
  const closed = inputShapes(model);
  const used = usedShapes(model);
  return renderTs(header, (writer) => {
    for (const shape of model.shapes.values()) {
      if (!used.has(shape.name)) continue;
      writer.blankLine();
      writeInterface(shape, !closed.has(shape.name))(writer);
    }
  });
}

function writeInterface(shape: ShapeModel, open: boolean): WriterFunction {
  return (writer) => {
    const rules = shapeRules(shape);
    writeDoc(writer, [
      ...paragraphs(shape.description ?? shape.summary),
      ...(rules.length > 0 ? ['', 'Rules checked before the request is sent:', ...rules] : []),
      ...(shape.deprecated ? ['', '@deprecated'] : []),
    ]);
    writer.write(`export interface ${shape.name}`).block(() => {
      for (const property of shape.properties) {
        const lines = [
          ...paragraphs(property.description ?? property.summary),
          ...propertyRules(shape, property),
          ...constraintTags(property.type),
          ...(property.default !== undefined ? [`@default ${JSON.stringify(property.default)}`] : []),
          ...(property.example !== undefined ? [`@example ${JSON.stringify(property.example)}`] : []),
          ...(property.deprecated ? ['@deprecated'] : []),
        ];
        writeDoc(writer, lines);
        const optional = shape.required.includes(property.name) ? '' : '?';
        writer.writeLine(`${property.name}${optional}: ${tsType(property.type, open)};`);
      }
      if (shape.additional) writer.writeLine(`[key: string]: ${shape.properties.length > 0 ? 'unknown' : tsType(shape.additional, open)};`);
    });
  };
}
