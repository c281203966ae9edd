import {
  buildServiceModel,
  lintServiceModel,
  specFromData,
  type ActionModel,
  type PaginationModel,
} from '@volc-ts/spec';
import { readSpecFiles, type SpecFile } from './load.js';
import { isRecord, type Schema } from './refs.js';

/** `x-volc-pagination` of an operation, as the spec model reads it. */
export type Pagination = PaginationModel;

/**
 * Everything the mock needs to answer one action. What the spec *means* (action, version, method,
 * pagination, signing) comes from @volc-ts/spec's model, the same one the generator emits clients
 * from; the raw schemas stay as written, for Ajv's independent check of inputs and for sample results.
 */
export interface ActionDef {
  /** Signing name of the service, for example `redis`. */
  readonly service: string;
  readonly action: string;
  readonly version: string;
  readonly method: ActionModel['httpMethod'];
  readonly protocol: ActionModel['protocol'];
  /** One endpoint for every region (`x-volc-service.global`). */
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
        throw new Error(
          `${def.specPath}: ${def.action} ${def.version} of service ${def.service} is also defined in ${existing.specPath}`,
        );
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
  return new Catalog(readSpecFiles(spec).flatMap(cachedActionsOf));
}

// readSpecFiles returns the same SpecFile while a file is unchanged, so its model is built once per process.
const actionsByFile = new WeakMap<SpecFile, ActionDef[]>();

function cachedActionsOf(file: SpecFile): ActionDef[] {
  let actions = actionsByFile.get(file);
  if (!actions) {
    actions = actionsOf(file);
    actionsByFile.set(file, actions);
  }
  return actions;
}

/**
 * Lists the actions of one spec document. The spec is checked as the generator checks it (model and
 * lint), so the mock refuses what volc-gen refuses, with the same file:line diagnostics (a SpecError).
 */
export function actionsOf(file: SpecFile): ActionDef[] {
  const { document, path: specPath } = file;
  const doc = specFromData(document, specPath, file.text);
  const model = buildServiceModel(doc);
  lintServiceModel(model, doc);
  return model.actions.map((action) => {
    const operation = at(document, action.path);
    const example = action.responseExample;
    return {
      service: model.service,
      action: action.name,
      version: action.version,
      method: action.httpMethod,
      protocol: action.protocol,
      global: model.global,
      document,
      specPath,
      ...optional('inputSchema', inputSchemaOf(operation, action)),
      ...optional(
        'resultSchema',
        at(operation, ['responses', '200', 'content', 'application/json', 'schema', 'properties', 'Result']),
      ),
      ...(isRecord(example) && 'Result' in example ? { exampleResult: example.Result } : {}),
      ...(action.pagination ? { pagination: action.pagination } : {}),
      unsigned: action.unsigned === true,
    };
  });
}

/** Where the model found the input: the one query parameter's schema, or the body's. */
function inputSchemaOf(operation: Schema | undefined, action: ActionModel): Schema | undefined {
  if (action.protocol === 'query') return at(operation, ['parameters', 0, 'schema']);
  const type = action.protocol === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  return at(operation, ['requestBody', 'content', type, 'schema']);
}

/** The mapping at `path` inside `root`, if there is one. */
function at(root: unknown, path: readonly (string | number)[]): Schema | undefined {
  let node: unknown = root;
  for (const key of path)
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  return isRecord(node) ? node : undefined;
}

function optional<K extends string>(key: K, value: Schema | undefined): { [P in K]?: Schema } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: Schema };
}
