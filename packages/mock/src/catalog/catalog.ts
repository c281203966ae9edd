import { readSpecFiles, type SpecFile } from './load.js';
import { deref, isRecord, type Schema } from './refs.js';

/** How an action's input travels. */
export type Protocol = 'json' | 'form' | 'query';

/** `x-volc-pagination` of an operation. */
export type Pagination =
  | { readonly style: 'page-number'; readonly pageNumber: string; readonly pageSize: string; readonly total?: string; readonly items: string }
  | { readonly style: 'token'; readonly inputToken: string; readonly outputToken: string; readonly pageSize?: string; readonly items: string }
  | { readonly style: 'offset'; readonly offset: string; readonly limit: string; readonly total?: string; readonly items: string };

/** Everything the mock needs to answer one action, taken from its spec document. */
export interface ActionDef {
  /** Signing name of the service, for example `redis`. */
  readonly service: string;
  readonly action: string;
  readonly version: string;
  readonly method: 'GET' | 'POST';
  /** Protocols the spec declares for the action. */
  readonly protocols: ReadonlySet<Protocol>;
  readonly global: boolean;
  /** The whole spec document, for resolving `$ref`s. */
  readonly document: Record<string, unknown>;
  readonly specPath: string;
  /** Input schema (may be a `$ref`); undefined for an action without input. */
  readonly inputSchema?: Schema;
  /** Schema of `Result` in the success envelope (may be a `$ref`). */
  readonly resultSchema?: Schema;
  /** `Result` of the first response example, when the spec has one. */
  readonly exampleResult?: unknown;
  readonly pagination?: Pagination;
  /** Service error codes listed in `x-volc-errors`. */
  readonly errors: readonly string[];
  /** The operation's `security` is an empty list: no signature is expected (STS AssumeRoleWithOIDC). */
  readonly unsigned: boolean;
}

/** The actions of every loaded spec, indexed for routing. */
export class Catalog {
  private readonly byKey = new Map<string, ActionDef>();
  private readonly byName = new Map<string, ActionDef[]>();
  readonly services = new Set<string>();

  constructor(actions: Iterable<ActionDef>) {
    for (const def of actions) {
      const key = catalogKey(def.service, def.action, def.version);
      const existing = this.byKey.get(key);
      if (existing) {
        throw new Error(`${def.specPath}: ${def.action} ${def.version} of service ${def.service} is also defined in ${existing.specPath}`);
      }
      this.byKey.set(key, def);
      this.services.add(def.service);
      const named = this.byName.get(def.action) ?? [];
      named.push(def);
      this.byName.set(def.action, named);
    }
  }

  /** The action of `service` named `action` at `version`. */
  find(service: string, action: string, version: string): ActionDef | undefined {
    return this.byKey.get(catalogKey(service, action, version));
  }

  /** Every definition of an action name, across services and versions. */
  named(action: string): readonly ActionDef[] {
    return this.byName.get(action) ?? [];
  }

  get size(): number {
    return this.byKey.size;
  }

  all(): IterableIterator<ActionDef> {
    return this.byKey.values();
  }
}

function catalogKey(service: string, action: string, version: string): string {
  return `${service}\u0000${action}\u0000${version}`;
}

/** Reads the spec files and indexes their actions. */
export function loadCatalog(spec: string | readonly string[]): Catalog {
  return new Catalog(readSpecFiles(spec).flatMap(actionsOf));
}

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Lists the actions of one spec document. */
export function actionsOf(file: SpecFile): ActionDef[] {
  const { document, path: specPath } = file;
  const { service, global } = serviceOf(document, specPath);
  const defs: ActionDef[] = [];
  for (const [pathKey, pathItem] of Object.entries(document.paths as Record<string, unknown>)) {
    if (!isRecord(pathItem)) continue;
    const query = new URLSearchParams(pathKey.replace(/^\/\?/, ''));
    for (const method of ['get', 'post'] as const) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const action = query.get('Action') ?? (typeof operation.operationId === 'string' ? operation.operationId : undefined);
      const version = query.get('Version') ?? stringAt(document, 'info', 'version');
      if (!action || !version) throw new Error(`${specPath}: path ${pathKey} names no Action and Version`);
      defs.push({
        service,
        action,
        version,
        method: method === 'get' ? 'GET' : 'POST',
        global,
        document,
        specPath,
        ...inputOf(document, operation, method),
        ...responseOf(operation),
        pagination: paginationOf(operation),
        errors: Array.isArray(operation['x-volc-errors'])
          ? operation['x-volc-errors'].map((entry) => (isRecord(entry) ? String(entry.code ?? entry.Code ?? '') : String(entry)))
          : [],
        unsigned: Array.isArray(operation.security) && operation.security.length === 0,
      });
    }
  }
  return defs;
}

function serviceOf(document: Record<string, unknown>, specPath: string): { service: string; global: boolean } {
  const info = document['x-volc-service'];
  if (isRecord(info) && typeof info.name === 'string') return { service: info.name, global: info.global === true };
  // Without the extension, the host of the first server names the service.
  const url = Array.isArray(document.servers) && isRecord(document.servers[0]) ? document.servers[0].url : undefined;
  const label = typeof url === 'string' ? /^https?:\/\/([^./]+)\./.exec(url)?.[1] : undefined;
  if (!label) throw new Error(`${specPath}: no x-volc-service.name and no server URL to take the service name from`);
  return { service: label, global: typeof url === 'string' && !url.includes('{region}') };
}

function inputOf(
  document: Record<string, unknown>,
  operation: Record<string, unknown>,
  method: 'get' | 'post',
): { inputSchema?: Schema; protocols: Set<Protocol> } {
  if (method === 'get') return { inputSchema: queryInputSchema(document, operation), protocols: new Set(['query']) };
  const content = isRecord(operation.requestBody) && isRecord(operation.requestBody.content) ? operation.requestBody.content : {};
  const protocols = new Set<Protocol>();
  let inputSchema: Schema | undefined;
  for (const [type, protocol] of [[JSON_TYPE, 'json'], [FORM_TYPE, 'form']] as const) {
    const media = content[type];
    if (!isRecord(media)) continue;
    protocols.add(protocol);
    if (!inputSchema && isRecord(media.schema)) inputSchema = media.schema;
  }
  if (protocols.size === 0) protocols.add('json');
  return inputSchema ? { inputSchema, protocols } : { protocols };
}

/**
 * GET input: one `style: form, explode: true` parameter whose schema is the whole input object, or
 * (plain OpenAPI) one parameter per member, which is turned into an object schema here.
 */
function queryInputSchema(document: Record<string, unknown>, operation: Record<string, unknown>): Schema | undefined {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters.filter(isRecord) : [];
  const query = parameters.map((p) => deref(document, p)).filter((p): p is Schema => !!p && p.in === 'query');
  if (query.length === 0) return undefined;
  const whole = query.find((p) => p.explode !== false && (p.style ?? 'form') === 'form' && isRecord(p.schema) && isObjectSchema(document, p.schema));
  if (whole && query.length === 1) return whole.schema as Schema;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of query) {
    if (typeof p.name !== 'string') continue;
    properties[p.name] = isRecord(p.schema) ? p.schema : {};
    if (p.required === true) required.push(p.name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

function isObjectSchema(document: Record<string, unknown>, schema: Schema): boolean {
  const target = deref(document, schema);
  return !!target && (target.type === 'object' || isRecord(target.properties));
}

function responseOf(operation: Record<string, unknown>): { resultSchema?: Schema; exampleResult?: unknown } {
  const ok = isRecord(operation.responses) ? operation.responses['200'] : undefined;
  const media = isRecord(ok) && isRecord(ok.content) ? ok.content[JSON_TYPE] : undefined;
  if (!isRecord(media)) return {};
  const out: { resultSchema?: Schema; exampleResult?: unknown } = {};
  const schema = media.schema;
  if (isRecord(schema) && isRecord(schema.properties) && isRecord(schema.properties.Result)) {
    out.resultSchema = schema.properties.Result;
  }
  const firstExample = isRecord(media.examples) ? Object.values(media.examples).find(isRecord) : undefined;
  const envelope = firstExample ? firstExample.value : media.example;
  if (isRecord(envelope) && 'Result' in envelope) out.exampleResult = envelope.Result;
  return out;
}

function paginationOf(operation: Record<string, unknown>): Pagination | undefined {
  const raw = operation['x-volc-pagination'];
  if (!isRecord(raw) || typeof raw.items !== 'string') return undefined;
  const items = raw.items;
  if (raw.style === 'page-number' && typeof raw.pageNumber === 'string' && typeof raw.pageSize === 'string') {
    return { style: 'page-number', pageNumber: raw.pageNumber, pageSize: raw.pageSize, items, ...(typeof raw.total === 'string' ? { total: raw.total } : {}) };
  }
  if (raw.style === 'token' && typeof raw.inputToken === 'string' && typeof raw.outputToken === 'string') {
    return { style: 'token', inputToken: raw.inputToken, outputToken: raw.outputToken, items, ...(typeof raw.pageSize === 'string' ? { pageSize: raw.pageSize } : {}) };
  }
  if (raw.style === 'offset' && typeof raw.offset === 'string' && typeof raw.limit === 'string') {
    return { style: 'offset', offset: raw.offset, limit: raw.limit, items, ...(typeof raw.total === 'string' ? { total: raw.total } : {}) };
  }
  return undefined;
}

function stringAt(root: Record<string, unknown>, ...keys: string[]): string | undefined {
  let node: unknown = root;
  for (const key of keys) node = isRecord(node) ? node[key] : undefined;
  return typeof node === 'string' ? node : undefined;
}
