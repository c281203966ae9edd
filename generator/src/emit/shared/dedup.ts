import { inputShapes, usedShapes, type ServiceModel, type ShapeModel, type TypeModel } from '@volc-ts/spec';

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
  // Each shape's declaration as text once; only the names it refers to change between rounds.
  const templates = new Map(names.map((name) => [name, shapeTemplate(model.shapes.get(name)!, closed.has(name))]));
  let canonical = new Map(names.map((name) => [name, name]));
  // Merging two shapes can make the shapes that refer to them alike too, so repeat until nothing merges.
  for (;;) {
    const byKey = new Map<string, string>();
    const next = new Map<string, string>();
    for (const name of names) {
      const { text, refs } = templates.get(name)!;
      const key =
        refs.length === 0 ? text : `${text}\u0000${refs.map((ref) => canonical.get(ref) ?? ref).join('\u0000')}`;
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, name);
      next.set(name, first ?? name);
    }
    if ([...next].every(([name, target]) => canonical.get(name) === target)) return next;
    canonical = next;
  }
}

/** Everything that ends up in the emitted declaration, with the names of referenced shapes listed apart. */
function shapeTemplate(shape: ShapeModel, closed: boolean): { text: string; refs: string[] } {
  const refs: string[] = [];
  const type = (t: TypeModel): unknown => {
    switch (t.kind) {
      case 'ref':
        refs.push(t.name);
        return { kind: 'ref' };
      case 'array':
        return { ...t, items: type(t.items) };
      case 'map':
        return { ...t, values: type(t.values) };
      default:
        return t;
    }
  };
  const text = JSON.stringify([
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
  return { text, refs };
}
