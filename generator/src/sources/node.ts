/**
 * The official Node SDK as a source: the service catalog (../shared/catalog, one JSON file per
 * package, made from the SDK's generated types) turned into source facts.
 *
 * The one thing resolved here is the Node SDK generator's keyword escape: a member it could not
 * name after a reserved word is written with a leading underscore (`_Query`, `_Switch`, `_Class`).
 * The server reads `Query`; the facts key the member by that name and keep `_Query` as `sourceName`.
 * Everything else is taken as the catalog says it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalog, type CatalogShape, type CatalogType } from '../import/catalog.js';
import type { MemberFacts, ServiceFacts, ShapeFacts } from './facts.js';

/**
 * Words the Node SDK's generator escapes with a leading `_` when a member is named after one (its
 * target languages' keywords, and `query`): the escapes found in the catalog. Other names that start
 * with `_` (vei_api's `_key` and `_val`, which the Go SDK also spells with the `_`) are kept.
 */
const ESCAPED_WORDS = new Set([
  'class',
  'default',
  'for',
  'in',
  'interface',
  'long',
  'private',
  'public',
  'query',
  'return',
  'short',
  'switch',
]);

/** `_Query` -> `Query`; names that are not such an escape are returned as they are. */
export function unescapeNodeName(name: string): string {
  return name.startsWith('_') && ESCAPED_WORDS.has(name.slice(1).toLowerCase()) ? name.slice(1) : name;
}

/** Every package the catalog's index.json lists, one ServiceFacts per package. */
export async function readNodeCatalog(catalogDir: string): Promise<ServiceFacts[]> {
  const index = JSON.parse(readFileSync(join(catalogDir, 'index.json'), 'utf8')) as {
    services: { file: string }[] | Record<string, unknown>;
  };
  const files = Array.isArray(index.services)
    ? index.services.map((entry) => entry.file)
    : Object.values(index.services).map((entry) => (entry as { file: string }).file);
  const all: ServiceFacts[] = [];
  for (const file of files) {
    const catalog = await readCatalog(join(catalogDir, file));
    all.push({
      source: 'node',
      package: catalog.package,
      service: catalog.service,
      versions: catalog.versions,
      endpoint: catalog.endpoint,
      actions: catalog.actions.map((action) => ({ ...action })),
      shapes: Object.fromEntries(Object.entries(catalog.shapes).map(([name, shape]) => [name, nodeShape(shape)])),
    });
  }
  return all;
}

function nodeShape(shape: CatalogShape): ShapeFacts {
  const members: Record<string, MemberFacts> = {};
  for (const [name, type] of Object.entries(shape.members)) {
    const wire = unescapeNodeName(name);
    members[wire] = wire === name ? type : ({ ...type, sourceName: name } as MemberFacts);
  }
  return { type: 'object', members, required: shape.required.map(unescapeNodeName) };
}

export type { CatalogType };
