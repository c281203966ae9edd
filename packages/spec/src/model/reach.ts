import type { ServiceModel, TypeModel } from './types.js';

/**
 * Shapes reachable from some action's input. Their confirmed enums (`x-volc-enum-confirmed`) are
 * closed and checked by the client; every other enum stays open, on requests because nobody checked
 * that the list is complete, and in responses because the service may be newer than the SDK.
 */
export function inputShapes(model: ServiceModel): Set<string> {
  return reachableShapes(
    model,
    model.actions.map((a) => a.input),
  );
}

/** Shapes some action's input or Result reaches; schemas used nowhere else (say, ResponseMetadata) are left out. */
export function usedShapes(model: ServiceModel): Set<string> {
  return reachableShapes(
    model,
    model.actions.flatMap((a) => [a.input, a.output]),
  );
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

/** The shapes a type refers to, through arrays and maps. */
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
