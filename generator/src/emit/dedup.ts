import type { ServiceModel, ShapeModel, TypeModel } from '../model/types.js';
import { inputShapes, usedShapes } from './types.js';

/**
 * Shapes that would be emitted byte for byte alike (same members, docs, rules and enum openness, with
 * references to shapes that are alike themselves) are emitted once. Each one maps to the name that
 * carries the declaration: the first of its group in name order, so that the choice does not depend on
 * where a schema sits in the file. The others become type aliases of it and share its validator.
 */
export function canonicalNames(model: ServiceModel): ReadonlyMap<string, string> {
  let cached = cache.get(model);
  if (!cached) {
    cached = computeCanonicalNames(model);
    cache.set(model, cached);
  }
  return cached;
}

const cache = new WeakMap<ServiceModel, ReadonlyMap<string, string>>();

/** The name that carries the declaration of `name`'s shape (itself when it has no twin). */
export function canonicalName(model: ServiceModel, name: string): string {
  return canonicalNames(model).get(name) ?? name;
}

function computeCanonicalNames(model: ServiceModel): Map<string, string> {
  const closed = inputShapes(model);
  const names = [...usedShapes(model)].filter((name) => model.shapes.has(name)).sort();
  let canonical = new Map(names.map((name) => [name, name]));
  // Merging two shapes can make the shapes that refer to them alike too, so repeat until nothing merges.
  for (;;) {
    const byKey = new Map<string, string>();
    const next = new Map<string, string>();
    for (const name of names) {
      const key = shapeKey(model.shapes.get(name)!, closed.has(name), canonical);
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, name);
      next.set(name, first ?? name);
    }
    if ([...next].every(([name, target]) => canonical.get(name) === target)) return next;
    canonical = next;
  }
}

/** Everything that ends up in the emitted declaration, with references replaced by their canonical names. */
function shapeKey(shape: ShapeModel, closed: boolean, canonical: ReadonlyMap<string, string>): string {
  const type = (t: TypeModel): unknown => {
    switch (t.kind) {
      case 'ref':
        return { kind: 'ref', name: canonical.get(t.name) ?? t.name };
      case 'array':
        return { ...t, items: type(t.items) };
      case 'map':
        return { ...t, values: type(t.values) };
      default:
        return t;
    }
  };
  return JSON.stringify([
    closed,
    shape.summary,
    shape.description,
    shape.deprecated,
    shape.properties.map(({ path: _path, type: t, ...rest }) => ({ ...rest, type: type(t) })),
    shape.required,
    shape.dependentRequired,
    shape.conditionals.map(({ path: _path, ...rest }) => rest),
    shape.additional ? type(shape.additional) : undefined,
  ]);
}
