/**
 * `volc-gen import`: adds the actions of a catalog file, and the schemas they use, to an OpenAPI spec.
 * It only ever adds: whatever the spec already says (descriptions, examples, rules, comments,
 * formatting) is kept byte for byte, so importing into an up-to-date spec leaves the file unchanged.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isMap, parse, parseDocument, type Document } from 'yaml';
import { readCatalog, isRecord, type Catalog, type CatalogAction } from './catalog.js';
import { NO_CROSSCHECK, readCrosscheck, REQUIRED_REASON, type Crosscheck } from './crosscheck.js';
import { actionOperation, actionPath } from './operation.js';
import { referencedShapes, shapeSchema, type Schema } from './schema.js';
import { newSpecText, rootEntries, ROOT_ORDER, serviceInfo, STANDARD_COMPONENTS } from './skeleton.js';
import { addEntries, type MapAddition, type Placement } from './yaml-edit.js';

export { detectPagination, type Pagination } from './pagination.js';
export { summaryFromName } from './summary.js';

export interface ImportOptions {
  /** Import only these actions (by name); all of the catalog's actions when left out. */
  readonly actions?: readonly string[];
}

export interface ImportResult {
  /** Actions written to the spec by this import, sorted by name. */
  readonly added: string[];
  /** Actions of the selection that the spec already had, left as they were. */
  readonly kept: string[];
  /** Component schemas written by this import, sorted by name. */
  readonly shapesAdded: string[];
}

/**
 * Adds the catalog's actions that `specFile` lacks, with their component schemas, creating the file
 * when it does not exist. Never changes anything already in the file.
 *
 * @param catalogFile - a service catalog such as `../shared/catalog/redis.json`, or a catalog already read
 *   (the source facts of `volc-gen sync`, which carry no Node/Go crosscheck file)
 * @param specFile - the OpenAPI 3.1 YAML document to create or extend, usually `spec/<package>.yaml`
 */
export async function importCatalog(
  catalogFile: string | Catalog,
  specFile: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const catalog = typeof catalogFile === 'string' ? await readCatalog(catalogFile) : catalogFile;
  const actions = selectActions(catalog, options.actions);
  const exists = existsSync(specFile);
  const original = exists ? await readFile(specFile, 'utf8') : '';
  const crosscheck = typeof catalogFile === 'string' ? readCrosscheck(catalogFile, catalog.package) : NO_CROSSCHECK;
  const info = { ...serviceInfo(catalog), crosscheck: crosscheck.service };

  // A new or empty file starts from the skeleton (after any comments it holds).
  let source = original;
  let doc = parseSpec(source, specFile);
  if (doc.contents === null) {
    source = `${source}${source === '' || source.endsWith('\n') ? '' : '\n'}${newSpecText(info)}`;
    doc = parseSpec(source, specFile);
  }
  if (!isMap(doc.contents)) throw new Error(`${specFile}: the document must be a map (an OpenAPI object)`);
  const current = doc.toJS() as Record<string, unknown>;
  checkSameService(current, catalog, specFile);

  const present = presentActions(current.paths);
  const added: string[] = [];
  const kept: string[] = [];
  const newPaths: [string, unknown][] = [];
  const neededShapes: string[] = [];
  for (const action of actions) {
    if (present.has(action.name)) {
      kept.push(action.name);
      continue;
    }
    const operation = actionOperation(catalog, action);
    const note = crosscheck.actions.get(action.name);
    if (note)
      for (const op of Object.values(operation.pathItem)) (op as Record<string, unknown>)['x-volc-crosscheck'] = note;
    newPaths.push([actionPath(action), operation.pathItem]);
    neededShapes.push(...operation.shapes);
    added.push(action.name);
  }

  const components = isRecord(current.components) ? current.components : {};
  const existingSchemas = isRecord(components.schemas) ? components.schemas : {};
  const dangling = [...referencedShapes(current)].filter((name) => !(name in existingSchemas));
  const newSchemas = schemaClosure(catalog, neededShapes, dangling, existingSchemas, specFile);
  recordRequiredMismatches(newSchemas, crosscheck);
  const shapesAdded = [...newSchemas.keys()];

  const standard = (parse(STANDARD_COMPONENTS) as { components: Record<string, Record<string, unknown>> }).components;
  const desired: Record<string, unknown> = {
    ...Object.fromEntries(rootEntries(info)),
    paths: Object.fromEntries(newPaths),
    components: {
      securitySchemes: standard.securitySchemes,
      responses: standard.responses,
      schemas: { ...standard.schemas, ...Object.fromEntries(newSchemas) },
    },
  };
  const additions: MapAddition[] = [];
  planAdditions(current, desired, [], additions, specFile);

  const text = addEntries(source, doc, additions);
  if (text !== original || !exists) {
    verify(text, current, additions, specFile);
    await mkdir(dirname(specFile), { recursive: true });
    await writeFile(specFile, text);
  }
  return { added, kept, shapesAdded };
}

function selectActions(catalog: Catalog, names: readonly string[] | undefined): CatalogAction[] {
  const all = [...catalog.actions].sort((a, b) => compare(a.name, b.name));
  if (!names) return all;
  const unknown = names.filter((name) => !all.some((action) => action.name === name));
  if (unknown.length > 0) throw new Error(`catalog ${catalog.package} has no action ${unknown.join(', ')}`);
  return all.filter((action) => names.includes(action.name));
}

function parseSpec(source: string, file: string): Document.Parsed {
  const doc = parseDocument(source, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    throw new Error(`${file}:${at ? `${at.line}:${at.col}` : '1:1'}: ${error.message.split('\n')[0]}`);
  }
  return doc;
}

function checkSameService(current: Record<string, unknown>, catalog: Catalog, file: string): void {
  const service = current['x-volc-service'];
  if (isRecord(service) && typeof service.package === 'string' && service.package !== catalog.package) {
    throw new Error(`${file} is the spec of package ${service.package}, not ${catalog.package}`);
  }
}

/** Names of the actions a spec has: operationIds, and the Action of each `/?Action=...` path. */
function presentActions(paths: unknown): Set<string> {
  const names = new Set<string>();
  if (!isRecord(paths)) return names;
  for (const [key, item] of Object.entries(paths)) {
    const action = actionOfPath(key);
    if (action) names.add(action);
    if (!isRecord(item)) continue;
    for (const operation of Object.values(item)) {
      if (isRecord(operation) && typeof operation.operationId === 'string') names.add(operation.operationId);
    }
  }
  return names;
}

function actionOfPath(key: string): string | undefined {
  const query = key.indexOf('?');
  return query < 0 ? undefined : (new URLSearchParams(key.slice(query + 1)).get('Action') ?? undefined);
}

/**
 * The schemas to add: the shapes the new actions use, the shapes that dangling `$ref`s of the spec
 * name (when the catalog has them), and every shape those refer to; minus what the spec has. Sorted.
 */
function schemaClosure(
  catalog: Catalog,
  needed: readonly string[],
  dangling: readonly string[],
  existing: Record<string, unknown>,
  file: string,
): Map<string, Schema> {
  const found = new Map<string, Schema>();
  const queue = [...needed, ...dangling.filter((name) => name in catalog.shapes)];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (name in existing || found.has(name)) continue;
    const shape = catalog.shapes[name];
    if (!shape) throw new Error(`${file}: catalog ${catalog.package} refers to shape ${name} but does not define it`);
    const schema = shapeSchema(shape);
    found.set(name, schema);
    queue.push(...referencedShapes(schema));
  }
  return new Map([...found].sort(([a], [b]) => compare(a, b)));
}

/** Members required by one SDK only are left optional, and the disagreement is noted on the schema. */
function recordRequiredMismatches(schemas: Map<string, Schema>, crosscheck: Crosscheck): void {
  for (const [shapeName, members] of crosscheck.required) {
    const schema = schemas.get(shapeName);
    if (!schema) continue;
    const notes = [...members].map(([member, requiredBy]) => ({
      subject: `required ${member}`,
      node: requiredBy === 'node' ? 'required' : 'optional',
      go: requiredBy === 'go' ? 'required' : 'optional',
      chosen: 'optional',
      reason: REQUIRED_REASON,
    }));
    if (Array.isArray(schema.required)) {
      const required = (schema.required as string[]).filter((name) => !members.has(name));
      if (required.length > 0) schema.required = required;
      else delete schema.required;
    }
    schema['x-volc-crosscheck'] = notes;
  }
}

// Maps the importer adds keys to, and where the new keys go; other existing values are never entered.
const PLACEMENTS: Record<string, Placement> = {
  '': { kind: 'order', order: ROOT_ORDER },
  paths: { kind: 'sorted', sortKey: (key) => actionOfPath(key) ?? key },
  components: { kind: 'order', order: ['securitySchemes', 'responses', 'schemas'] },
  'components.securitySchemes': { kind: 'end' },
  'components.responses': { kind: 'end' },
  'components.schemas': { kind: 'end' },
};

function planAdditions(
  current: unknown,
  desired: Record<string, unknown>,
  path: string[],
  out: MapAddition[],
  file: string,
): void {
  const placement = PLACEMENTS[path.join('.')]!;
  const existing = isRecord(current) ? current : {};
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(desired)) {
    const childPath = [...path, key];
    if (!(key in existing)) {
      entries.push([key, value]);
    } else if (PLACEMENTS[childPath.join('.')] && isRecord(value)) {
      const child = existing[key];
      if (child !== null && !isRecord(child)) throw new Error(`${file}: ${childPath.join('.')} must be a map`);
      planAdditions(child, value, childPath, out, file);
    }
  }
  // An empty `paths`/`components` map in a spec that needs nothing more stays as it is.
  if (entries.length > 0) out.push({ path, entries, placement });
}

/** Guards the text splice: the result must parse to the old content plus exactly the additions. */
function verify(text: string, before: Record<string, unknown>, additions: readonly MapAddition[], file: string): void {
  const expected = structuredClone(before);
  for (const { path, entries } of additions) {
    let target: Record<string, unknown> = expected;
    for (const key of path) {
      if (!isRecord(target[key])) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    for (const [key, value] of entries) target[key] = structuredClone(value);
  }
  const after = parseSpec(text, file).toJS();
  if (!isDeepStrictEqual(after, expected)) {
    throw new Error(`${file}: internal error: the edited YAML does not read back as the original plus the new entries`);
  }
}

/** Code-unit order, the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
