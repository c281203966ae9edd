/**
 * The catalog format (../shared/catalog/<package>.json): what the official Node SDK says about one
 * service package. See `typeLegend` and `conventions` in the catalog's index.json.
 */
import { readFile } from 'node:fs/promises';

/** A member type as the catalog writes it. */
export type CatalogType =
  | { readonly type: 'string'; readonly enum?: readonly string[] }
  | { readonly type: 'boolean' }
  | { readonly type: 'number'; readonly format?: string; readonly goType?: string }
  | { readonly type: 'any' }
  | { readonly type: 'array'; readonly items: CatalogType }
  | { readonly type: 'map'; readonly keyType?: string; readonly values: CatalogType }
  | { readonly ref: string };

/** A named object shape: members in source order, and the names declared without `?`. */
export interface CatalogShape {
  readonly type: 'object';
  readonly members: Readonly<Record<string, CatalogType>>;
  readonly required: readonly string[];
}

export interface CatalogAction {
  readonly name: string;
  readonly version: string;
  readonly method: 'GET' | 'POST';
  /** `application/json` or `application/x-www-form-urlencoded` for POST; `text/plain` for GET. */
  readonly contentType: string;
  readonly input?: string | null;
  readonly output?: string | null;
}

export interface Catalog {
  /** Package folder name in the Node SDK, e.g. `redis`, `advdefence20230308`. */
  readonly package: string;
  /** Signing service name, e.g. `redis`, `auto_scaling`. */
  readonly service: string;
  readonly versions: readonly string[];
  readonly endpoint: { readonly isGlobal?: boolean; readonly host?: string; readonly inSdkCoreTable?: boolean };
  readonly actions: readonly CatalogAction[];
  readonly shapes: Readonly<Record<string, CatalogShape>>;
}

/** Reads a catalog file and checks the parts the importer relies on. */
export async function readCatalog(file: string): Promise<Catalog> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the catalog (${(error as Error).message})`);
  }
  const fail = (what: string): never => {
    throw new Error(`${file}: not a service catalog: ${what}`);
  };
  if (!isRecord(data)) return fail('the top level is not an object');
  if (typeof data.package !== 'string' || typeof data.service !== 'string') fail('package and service must be strings');
  if (!Array.isArray(data.actions)) fail('actions must be a list');
  if (!isRecord(data.shapes)) fail('shapes must be an object');
  const shapes = data.shapes as Record<string, unknown>;
  for (const action of data.actions as unknown[]) {
    if (!isRecord(action) || typeof action.name !== 'string' || typeof action.version !== 'string') {
      fail('every action needs a name and a version');
    }
    const a = action as Record<string, unknown>;
    if (a.method !== 'GET' && a.method !== 'POST') fail(`action ${String(a.name)} has method ${String(a.method)}`);
    for (const side of ['input', 'output'] as const) {
      const shape = a[side];
      if (shape != null && (typeof shape !== 'string' || !isRecord(shapes[shape]))) {
        fail(`action ${String(a.name)} names ${side} shape ${String(shape)}, which is not in shapes`);
      }
    }
  }
  for (const [name, shape] of Object.entries(shapes)) {
    if (!isRecord(shape) || !isRecord(shape.members)) fail(`shape ${name} has no members object`);
  }
  return {
    ...(data as unknown as Catalog),
    versions: Array.isArray(data.versions) ? (data.versions as string[]) : [],
    endpoint: isRecord(data.endpoint) ? (data.endpoint as Catalog['endpoint']) : {},
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
