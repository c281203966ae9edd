/**
 * `volc-gen sync`: brings every spec up to date with every official source (sources/node, go, cli).
 *
 * Per service version that any source describes:
 * - a spec is created when none exists (from the first source that has the service, Go before the CLI);
 * - actions a source has and the spec lacks are imported (`volc-gen import`, which only adds), from
 *   the Node SDK first, then the Go SDK, then the CLI;
 * - then every operation and member the sources reach is reconciled in place, under the policy of
 *   spec/README.md ("Sources and how they are reconciled"): wire names, members only some sources
 *   know, required flags, Go's bounds, number precision, enum values, and `x-volc-sources` /
 *   `x-volc-rule-sources` provenance. Each disagreement is recorded in `x-volc-crosscheck` with the
 *   decision and its reason; a note a person edited (its `chosen`) is honoured and never rewritten.
 *
 * The sync never removes what a source does not state: descriptions, examples, rules, confirmed
 * enums and members no source knows stay as they are.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Catalog } from '../import/catalog.js';
import { METHOD_REASON, REQUIRED_REASON, SIGNING_REASON } from '../import/crosscheck.js';
import { importCatalog } from '../import/index.js';
import { typeSchema, type Schema } from '../import/schema.js';
import type { MemberFacts, ServiceFacts, SourceName } from './facts.js';
import { readSourceFacts } from './io.js';
import {
  actionStarts,
  conditionallyRequired,
  requiredByPolicy,
  listedAction,
  factsKind,
  factsRef,
  isJson,
  type Kind,
  kindsAgree,
  type MemberVisit,
  SOURCES,
  specActions,
  specKind,
  type WalkStart,
  walkMembers,
} from './walk.js';

type Json = Record<string, unknown>;

export interface SyncOptions {
  /** @default 'spec' */
  readonly specDir?: string;
  /** @default 'sources' */
  readonly sourcesDir?: string;
  /** Only the service versions whose spec package (or, for a new one, signing name) is listed. */
  readonly only?: readonly string[];
  /** Report what would change and write nothing. */
  readonly check?: boolean;
}

export interface SpecReport {
  readonly file: string;
  readonly created: boolean;
  readonly sources: SourceName[];
  readonly actionsAdded: Partial<Record<SourceName, string[]>>;
  membersAdded: number;
  readonly renamed: string[];
  requiredMade: number;
  requiredDropped: number;
  boundsAdded: number;
  precisionAdded: number;
  enumValuesAdded: number;
  readonly typesChanged: string[];
  notesAdded: number;
  changed: boolean;
}

export interface SyncReport {
  readonly specs: SpecReport[];
}

/** Names that are the same service under two spellings (the Go SDK's signing names of three services). */
const SERVICE_ALIASES: Record<string, string> = { elasticfilesystem: 'efs', elasticmapreduce: 'emr' };

export function serviceKey(service: string, version: string): string {
  const bare = service.toLowerCase().replace(/[_-]/g, '');
  return `${SERVICE_ALIASES[bare] ?? bare}@${version}`;
}

export const REASONS = {
  method:
    "The spec keeps its method and body, imported with the input shape from one source's definition; the other source's is recorded.",
  name: "The Node SDK's generator escapes member names that are keywords of its own (`_Query`); the server reads the name without the escape, as the Go SDK and the CLI send it.",
  dotted:
    'The catalog writes a `.` in a member name as `_`; the Go SDK and the CLI send the name with the `.`, which is what the server reads.',
  requiredOne:
    'Required by one source only while others describe the member as optional: left optional, since the server may accept a request without it (the docs say which source requires it).',
  type: 'The type most official sources state; on a tie the spec keeps its type.',
  signing: "The spec keeps its signing name; the other source's is recorded.",
} as const;

const REQUIRED_BY_SEVERAL = 'Required by two or more official sources: required.';

/** Reasons the importer and the sync write: a note with another reason is a person's decision. */
const MACHINE_REASONS = new Set<string>([
  ...Object.values(REASONS),
  REQUIRED_BY_SEVERAL,
  METHOD_REASON,
  REQUIRED_REASON,
  SIGNING_REASON,
]);

interface SpecEntry {
  readonly file: string;
  readonly package: string;
}

export async function syncSpecs(options: SyncOptions = {}): Promise<SyncReport> {
  const specDir = options.specDir ?? 'spec';
  const sourcesDir = options.sourcesDir ?? 'sources';
  const groups = groupSources(sourcesDir);
  const specs = indexSpecs(specDir);
  // Names new packages must not take: every spec's package, and the hand-written packages beside them.
  const packagesDir = join(specDir, '..', 'packages');
  const taken = new Set([
    ...[...specs.values()].map((entry) => entry.package),
    ...(existsSync(packagesDir) ? readdirSync(packagesDir) : []),
  ]);
  const endpoints = readEndpoints(sourcesDir);
  const reports: SpecReport[] = [];

  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const existing = specs.get(key);
    // A new spec needs a source that says how to call some action (the CLI may list names only).
    const primary = [group.node, group.go, group.cli].find((f) => f && f.actions.length > 0);
    if (!primary) continue;
    const pkg = existing?.package ?? newPackageName(primary, taken);
    if (options.only && !options.only.includes(pkg)) continue;
    const file = existing?.file ?? join(specDir, `${pkg}.yaml`);
    const report: SpecReport = {
      file,
      created: !existing,
      sources: SOURCES.filter((s) => group[s]),
      actionsAdded: {},
      membersAdded: 0,
      renamed: [],
      requiredMade: 0,
      requiredDropped: 0,
      boundsAdded: 0,
      precisionAdded: 0,
      enumValuesAdded: 0,
      typesChanged: [],
      notesAdded: 0,
      changed: false,
    };
    const original = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (!existing) taken.add(pkg);
    // Imports write the file itself; in check mode the original is put back (or the new file removed) below.
    const present = original === undefined ? new Set<string>() : specActionNames(original);
    for (const source of SOURCES) {
      const facts = group[source];
      if (!facts) continue;
      const missing = facts.actions.filter((a) => !present.has(a.name)).map((a) => a.name);
      if (missing.length === 0) continue;
      const catalog = asCatalog(facts, pkg, endpoints);
      const result = await importCatalog(catalog, file, { actions: missing });
      if (result.added.length > 0) report.actionsAdded[source] = result.added;
      for (const name of missing) present.add(name);
    }
    const text = readFileSync(file, 'utf8');
    const reconciled = reconcile(text, group, report);
    report.changed = reconciled !== original;
    if (options.check) {
      if (original === undefined) rmSync(file, { force: true });
      else writeFileSync(file, original);
    } else if (reconciled !== text) {
      writeFileSync(file, reconciled);
    }
    reports.push(report);
  }
  return { specs: reports };
}

/**
 * Every source's facts, grouped by service version. Two files of one source for the same service
 * version (the Go SDK's `waf` and `wafruntime` folders) are one service: their actions and shapes are
 * joined, the first file's shape winning a name both have.
 */
export function groupSources(sourcesDir: string): Map<string, Partial<Record<SourceName, ServiceFacts>>> {
  const groups = new Map<string, Partial<Record<SourceName, ServiceFacts>>>();
  for (const source of SOURCES) {
    for (const facts of readSourceFacts(sourcesDir, source)) {
      const key = serviceKey(facts.service, facts.versions[0] ?? '');
      const group = groups.get(key) ?? {};
      const before = group[source];
      group[source] = before
        ? {
            ...before,
            actions: [
              ...before.actions,
              ...facts.actions.filter((a) => !before.actions.some((b) => b.name === a.name)),
            ],
            uncallable: [...(before.uncallable ?? []), ...(facts.uncallable ?? [])],
            shapes: { ...facts.shapes, ...before.shapes },
          }
        : facts;
      groups.set(key, group);
    }
  }
  return groups;
}

/** Service key -> spec file, for every spec of the folder. */
function indexSpecs(specDir: string): Map<string, SpecEntry> {
  const specs = new Map<string, SpecEntry>();
  for (const name of readdirSync(specDir).filter((n) => n.endsWith('.yaml'))) {
    const file = join(specDir, name);
    // The root keys that name the service come before `paths:`; reading only them keeps this fast.
    const text = readFileSync(file, 'utf8');
    const end = text.search(/^paths:/m);
    const data = (parse(end > 0 ? text.slice(0, end) : text) ?? {}) as Json;
    const service = (data['x-volc-service'] ?? {}) as Json;
    const version = String((data.info as Json | undefined)?.version ?? '');
    if (typeof service.name !== 'string' || typeof service.package !== 'string') continue;
    specs.set(serviceKey(service.name, version), { file, package: service.package });
  }
  return specs;
}

function specActionNames(text: string): Set<string> {
  const data = (parse(text) ?? {}) as Json;
  return new Set(specActions(data).map((a) => a.action));
}

/**
 * A new package's name: the source's package or folder name (letters and digits), with the version's
 * digits added when another service version already has it (`vod` -> `vod20260101`).
 */
export function newPackageName(facts: ServiceFacts, taken: ReadonlySet<string>): string {
  const base = facts.package.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!taken.has(base)) return base;
  const dated = `${base.replace(/\d{8}$/, '')}${(facts.versions[0] ?? '').replaceAll('-', '')}`;
  if (!taken.has(dated)) return dated;
  throw new Error(`cannot name a package for ${facts.service} ${facts.versions[0]}: ${base} and ${dated} are taken`);
}

interface Endpoints {
  readonly services: Record<string, boolean>;
  readonly globalServices: readonly string[];
}

/** The official endpoint table (sources/node/endpoints.json), for the hosts of new services. */
function readEndpoints(sourcesDir: string): Endpoints {
  const file = join(sourcesDir, 'node', 'endpoints.json');
  if (!existsSync(file)) return { services: {}, globalServices: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
}

/** Source facts as the catalog the importer reads, under the spec's package name. */
function asCatalog(facts: ServiceFacts, pkg: string, endpoints: Endpoints): Catalog {
  const inTable = facts.service in endpoints.services;
  const endpoint =
    facts.source === 'node'
      ? facts.endpoint
      : {
          inSdkCoreTable: inTable,
          isGlobal: endpoints.services[facts.service] === true || endpoints.globalServices.includes(facts.service),
        };
  return { ...(facts as unknown as Catalog), package: pkg, endpoint };
}

// ---------------------------------------------------------------------------------------------
// Reconciling a spec with its sources
// ---------------------------------------------------------------------------------------------

interface Note {
  subject: string;
  node?: string;
  go?: string;
  cli?: string;
  chosen: string;
  reason: string;
}

/** The reconciled text of one spec. */
export function reconcile(text: string, group: Partial<Record<SourceName, ServiceFacts>>, report: SpecReport): string {
  const doc = parseDocument(text);
  const spec = doc.toJS() as Json;
  const schemasNode = doc.getIn(['components', 'schemas']) as YAMLMap | undefined;
  if (!schemasNode) return text;

  reconcileService(doc, spec, group, report);
  const requiredChanged = new Set<string>();
  // Members added in one round (a nested shape a source brings, a member under a new name) are walked
  // in the next, so one sync leaves nothing for the next to do.
  for (let round = 0; round < 4; round++) {
    const added = report.membersAdded;
    const current = round === 0 ? spec : (doc.toJS() as Json);
    const schemas = ((current.components as Json).schemas ?? {}) as Record<string, Json>;
    const visits = new Map<string, Map<string, MemberVisit[]>>();
    const starts: WalkStart[] = [];
    for (const action of specActions(current)) {
      const known = SOURCES.filter((s) => listedAction(group[s], action.action));
      if (round === 0) {
        const opNode = doc.getIn(['paths', action.path, action.verb]) as YAMLMap;
        setFlowList(doc, opNode, 'x-volc-sources', known, ['description', 'summary', 'operationId']);
        reconcileMethod(doc, opNode, action, group, known, report);
      }
      starts.push(...actionStarts(action, group, known));
    }
    walkMembers(current, starts, group, (visit) => {
      const bySchema = visits.get(visit.schema) ?? new Map<string, MemberVisit[]>();
      const list = bySchema.get(visit.name) ?? [];
      list.push(visit);
      bySchema.set(visit.name, list);
      visits.set(visit.schema, bySchema);
    });
    for (const [schemaName, members] of visits) {
      const schemaNode = schemasNode.get(schemaName) as YAMLMap | undefined;
      if (!isMap(schemaNode)) continue;
      if (reconcileSchema(doc, schemaNode, schemaName, members, group, schemas, report))
        requiredChanged.add(schemaName);
    }
    if (report.membersAdded === added) break;
  }
  // A GET input's one query parameter is required exactly when the input has required members.
  for (const action of specActions(doc.toJS() as Json)) {
    if (action.method !== 'GET' || !action.input || !requiredChanged.has(action.input)) continue;
    const required = (doc.getIn(['components', 'schemas', action.input, 'required']) as YAMLSeq | undefined)?.items
      .length;
    const parameter = doc.getIn(['paths', action.path, action.verb, 'parameters', 0]) as YAMLMap | undefined;
    if (parameter) parameter.set('required', (required ?? 0) > 0);
  }
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}

/** Signing names the sources spell differently from the spec are recorded at the root. */
function reconcileService(
  doc: Document.Parsed,
  spec: Json,
  group: Partial<Record<SourceName, ServiceFacts>>,
  report: SpecReport,
): void {
  const name = (spec['x-volc-service'] as Json | undefined)?.name;
  if (typeof name !== 'string') return;
  const differing = SOURCES.filter((s) => group[s] && group[s]!.service !== name);
  if (differing.length === 0) return;
  const note: Note = { subject: 'signing name', chosen: name, reason: REASONS.signing };
  for (const s of SOURCES) if (group[s]) note[s] = group[s]!.service;
  addNote(doc, doc.contents as YAMLMap, note, report, true);
}

function reconcileMethod(
  doc: Document.Parsed,
  opNode: YAMLMap,
  action: ReturnType<typeof specActions>[number],
  group: Partial<Record<SourceName, ServiceFacts>>,
  known: readonly SourceName[],
  report: SpecReport,
): void {
  const spec = methodText(action.method, action.contentType);
  const stated = new Map<SourceName, string>();
  for (const s of known) {
    const a = listedAction(group[s], action.action)?.callable;
    if (a) stated.set(s, methodText(a.method, a.contentType));
  }
  if ([...stated.values()].every((v) => v === spec)) return;
  const note: Note = { subject: 'method and body', chosen: spec, reason: REASONS.method };
  for (const [s, v] of stated) note[s] = v;
  addNote(doc, opNode, note, report, false);
}

/** `POST json`, `POST form`, `GET query`: the words the crosscheck notes use. */
export function methodText(method: string, contentType: string): string {
  if (method === 'GET') return 'GET query';
  if (contentType.includes('x-www-form-urlencoded')) return `${method} form`;
  return `${method} json`;
}

/** Applies the policy to one schema's members; true when its required list changed. */
function reconcileSchema(
  doc: Document.Parsed,
  schemaNode: YAMLMap,
  schemaName: string,
  members: Map<string, MemberVisit[]>,
  group: Partial<Record<SourceName, ServiceFacts>>,
  schemas: Record<string, Json>,
  report: SpecReport,
): boolean {
  let propsNode = schemaNode.get('properties') as YAMLMap | undefined;
  const notes = existingNotes(schemaNode);
  const conditional = conditionallyRequired(schemaNode.toJSON() as Json);
  let requiredChanged = false;
  for (const [wire, visits] of members) {
    const sources = mergeSources(visits);
    const specName = visits.find((v) => v.specName)?.specName;
    const property = visits.find((v) => v.property)?.property;
    if (!propsNode) {
      propsNode = doc.createNode({}) as YAMLMap;
      schemaNode.set('properties', propsNode);
    }

    // 1. The wire name.
    if (specName && specName !== wire && !propsNode.has(wire)) {
      renameKey(propsNode, specName, wire);
      renameInList(schemaNode.get('required') as YAMLSeq | undefined, specName, wire);
      report.renamed.push(`${schemaName}.${specName} -> ${wire}`);
      const note: Note = {
        subject: `name ${wire}`,
        chosen: wire,
        reason: specName.startsWith('_') ? REASONS.name : REASONS.dotted,
      };
      // What each source sends: the Node SDK its own (escaped) name, the others the wire name.
      for (const s of SOURCES) {
        const m = sources.get(s);
        if (m) note[s] = s === 'node' ? (m.facts.sourceName ?? wire) : wire;
      }
      if (!sources.has('node')) note.node = specName;
      addNote(doc, schemaNode, note, report, false);
    }

    // 2. A member the spec lacks.
    let propNode = propsNode.get(wire) as YAMLMap | undefined;
    if (!property && !propNode) {
      const from = sources.get('go') ?? sources.get('cli') ?? sources.get('node');
      if (!from) continue;
      const added = addMember(doc, propsNode, wire, from.source, from.facts, group, schemas);
      if (!added) continue;
      propNode = propsNode.get(wire) as YAMLMap;
      report.membersAdded++;
    }
    if (!isMap(propNode)) continue;
    const propJs = propNode.toJSON() as Json;

    // 3. Provenance.
    setFlowList(doc, propNode, 'x-volc-sources', [...sources.keys()]);
    const ruleSources: Record<string, SourceName[]> = {};

    // 4. Required.
    const requiredBy = [...sources.values()].filter((m) => m.required).map((m) => m.source);
    if (requiredBy.length > 0) ruleSources.required = requiredBy;
    const subject = `required ${wire}`;
    const before = notes.get(subject);
    const edited = before && !MACHINE_REASONS.has(before.reason) ? before : undefined;
    let wantRequired: boolean;
    if (edited) wantRequired = edited.chosen === 'required';
    else wantRequired = requiredByPolicy(requiredBy.length, sources.size);
    if (!edited && requiredBy.length > 0 && requiredBy.length < sources.size) {
      const note: Note = { subject, chosen: wantRequired ? 'required' : 'optional', reason: REASONS.requiredOne };
      for (const [s, m] of sources) note[s] = m.required ? 'required' : 'optional';
      if (requiredBy.length >= 2) note.reason = REQUIRED_BY_SEVERAL;
      addNote(doc, schemaNode, note, report, true);
    }
    const change = conditional.has(wire) ? undefined : setRequired(doc, schemaNode, wire, wantRequired);
    if (change === 'made') report.requiredMade++;
    if (change === 'dropped') report.requiredDropped++;
    if (change) requiredChanged = true;

    // 5. Type, precision, bounds and enum values, on members with a type of their own.
    // A `$ref` is an object: only the disagreement is recorded (reconcileType changes scalars alone).
    reconcileType(doc, schemaNode, propNode, propJs, wire, sources, report, schemaName);
    if (typeof propJs.$ref !== 'string') {
      const typed = propNode.toJSON() as Json;
      // The format's provenance: the sources that state it (the Node catalog's formats came from Go).
      if (typeof typed.format === 'string') {
        const stating = (['go', 'cli'] as const).filter((s) => {
          const f = sources.get(s)?.facts;
          const format = f && 'type' in f ? (f as { format?: string }).format : undefined;
          // The CLI's `integer` says only "an integer", not its width.
          if (format === 'integer' && s === 'cli') return false;
          return format !== undefined && (format === 'integer' ? 'int64' : format) === typed.format;
        });
        if (stating.length > 0) ruleSources.format = [...stating];
      }
      const go = sources.get('go');
      if (go?.facts.bound) applyBound(propNode, typed, go.facts, report, ruleSources);
      reconcileEnum(doc, propNode, typed, sources, report, ruleSources);
    }
    if (Object.keys(ruleSources).length > 0) {
      propNode.set('x-volc-rule-sources', doc.createNode(ruleSources, { flow: true }));
    } else {
      propNode.delete('x-volc-rule-sources');
    }
  }
  return requiredChanged;
}

/** What each source says, once per source (a member reached through several actions counts once). */
function mergeSources(visits: readonly MemberVisit[]): Map<SourceName, MemberVisit['sources'][number]> {
  const merged = new Map<SourceName, MemberVisit['sources'][number]>();
  for (const s of SOURCES) {
    for (const visit of visits) {
      const member = visit.sources.find((m) => m.source === s);
      if (!member) continue;
      const before = merged.get(s);
      merged.set(s, before ? { ...before, required: before.required || member.required } : member);
    }
  }
  return merged;
}

function addMember(
  doc: Document.Parsed,
  propsNode: YAMLMap,
  wire: string,
  source: SourceName,
  facts: MemberFacts,
  group: Partial<Record<SourceName, ServiceFacts>>,
  schemas: Record<string, Json>,
): boolean {
  const ref = factsRef(facts);
  if (ref) {
    // Bring the nested shapes along, under the source's names, unless the spec already has one.
    const shapes = group[source]!.shapes;
    const queue = [ref];
    const schemasNode = doc.getIn(['components', 'schemas']) as YAMLMap;
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      if (name in schemas || schemasNode.has(name)) continue;
      const shape = shapes[name];
      if (!shape) return false;
      const schema: Schema = { type: 'object' };
      const props = Object.entries(shape.members);
      if (props.length > 0) {
        schema.properties = Object.fromEntries(
          props.map(([n, t]) => [n, { ...typeSchema(t), 'x-volc-sources': [source] }]),
        );
      }
      const required = shape.required.filter((n) => n in shape.members);
      if (required.length > 0) schema.required = required;
      schemasNode.set(name, doc.createNode(schema));
      for (const [, t] of props) {
        const child = factsRef(t);
        if (child) queue.push(child);
      }
    }
  }
  const node = doc.createNode(typeSchema(facts)) as YAMLMap;
  propsNode.set(wire, node);
  return true;
}

function reconcileType(
  doc: Document.Parsed,
  schemaNode: YAMLMap,
  propNode: YAMLMap,
  propJs: Json,
  wire: string,
  sources: Map<SourceName, MemberVisit['sources'][number]>,
  report: SpecReport,
  schemaName: string,
): void {
  const specType = specKind(propJs);
  const kinds = new Map<SourceName, Kind>();
  for (const [s, m] of sources) kinds.set(s, factsKind(m.facts));

  // Precision: a bare `number` that a source states as an integer of a width, or a float of a width.
  const go = sources.get('go');
  if (specType === 'number' && propJs.format === undefined && go && 'type' in go.facts && go.facts.type === 'number') {
    const format = go.facts.format;
    if (format === 'int32' || format === 'int64' || format === 'integer') {
      propNode.set('type', 'integer');
      propNode.set('format', format === 'integer' ? 'int64' : format);
      report.precisionAdded++;
    } else if (format === 'float' || format === 'double') {
      propNode.set('format', format);
      report.precisionAdded++;
    }
  }

  const disagreeing = [...kinds].filter(([, k]) => !kindsAgree(k, specType));
  if (disagreeing.length === 0) return;
  const subject = `type ${wire}`;
  const before = existingNotes(schemaNode).get(subject);
  if (before && !MACHINE_REASONS.has(before.reason)) return;
  // Votes: the kinds the sources state; the spec's kind counts for the sources that agree with it.
  const scalar = new Set<Kind>(['string', 'integer', 'number', 'boolean']);
  const votes = new Map<Kind, number>();
  for (const [, k] of kinds)
    votes.set(k === 'number' ? 'integer' : k, (votes.get(k === 'number' ? 'integer' : k) ?? 0) + 1);
  const agreeing = [...kinds].filter(([, k]) => kindsAgree(k, specType)).length;
  const [best, count] = [...votes].sort((a, b) => b[1] - a[1])[0]!;
  let chosen: string = specType;
  if (count >= 2 && count > agreeing && scalar.has(specType) && scalar.has(best) && !kindsAgree(best, specType)) {
    const facts = [...sources.values()].find((m) => {
      const k = factsKind(m.facts);
      return (k === 'number' ? 'integer' : k) === best;
    })!.facts;
    const replacement = typeSchema(facts);
    for (const key of ['type', 'format', 'enum', 'x-volc-catalog-enum']) propNode.delete(key);
    for (const [key, value] of Object.entries(replacement)) propNode.set(key, doc.createNode(value));
    chosen = specKind(replacement);
    report.typesChanged.push(`${schemaName}.${wire}: ${specType} -> ${chosen}`);
  }
  const note: Note = { subject, chosen, reason: REASONS.type };
  for (const [s, k] of kinds) note[s] = k;
  addNote(doc, schemaNode, note, report, true);
}

/** Go's `min`/`max` tags, with the unit Go checks: bytes for strings, items for lists, values for numbers. */
function applyBound(
  propNode: YAMLMap,
  propJs: Json,
  facts: MemberFacts,
  report: SpecReport,
  ruleSources: Record<string, SourceName[]>,
): void {
  const bound = facts.bound!;
  const keys: Record<string, [string, string]> = {
    bytes: ['x-volc-min-bytes', 'x-volc-max-bytes'],
    items: ['minItems', 'maxItems'],
    value: ['minimum', 'maximum'],
    chars: ['minLength', 'maxLength'],
  };
  const kind = specKind(propJs);
  const fits =
    (bound.unit === 'bytes' && kind === 'string') ||
    (bound.unit === 'chars' && kind === 'string') ||
    (bound.unit === 'items' && kind === 'array') ||
    (bound.unit === 'value' && (kind === 'integer' || kind === 'number'));
  if (!fits) return;
  const [minKey, maxKey] = keys[bound.unit]!;
  for (const [key, value] of [
    [minKey, bound.min],
    [maxKey, bound.max],
  ] as const) {
    if (value === undefined) continue;
    ruleSources[key] = ['go'];
    if (propJs[key] !== undefined) continue;
    propNode.set(key, value);
    report.boundsAdded++;
  }
}

/** Enum values the sources list and the spec lacks are added as suggestions (the enum stays open). */
function reconcileEnum(
  doc: Document.Parsed,
  propNode: YAMLMap,
  propJs: Json,
  sources: Map<SourceName, MemberVisit['sources'][number]>,
  report: SpecReport,
  ruleSources: Record<string, SourceName[]>,
): void {
  if (propJs.type !== 'string' || propJs['x-volc-enum-confirmed'] === true || propJs.const !== undefined) return;
  const current = Array.isArray(propJs.enum) ? (propJs.enum as string[]) : [];
  const stating: SourceName[] = [];
  const add: string[] = [];
  for (const [s, m] of sources) {
    const values = 'type' in m.facts && m.facts.type === 'string' ? m.facts.enum : undefined;
    if (!values || values.length === 0) continue;
    stating.push(s);
    for (const raw of values) {
      const value = raw.trim();
      if (value && !current.includes(value) && !add.includes(value)) add.push(value);
    }
  }
  if (stating.length > 0) ruleSources.enum = stating;
  if (add.length === 0) return;
  propNode.set('enum', doc.createNode([...current, ...add], { flow: true }));
  report.enumValuesAdded += add.length;
}

// ---------------------------------------------------------------------------------------------
// YAML helpers
// ---------------------------------------------------------------------------------------------

/**
 * Sets `key` to a one-line list; a new key goes right after the first of `after` that the map has
 * (so an operation's sources sit under its summary), else at the end.
 */
function setFlowList(
  doc: Document.Parsed,
  node: YAMLMap,
  key: string,
  values: readonly string[],
  after: readonly string[] = [],
): void {
  const current = node.get(key);
  if (isSeq(current) && JSON.stringify(current.toJSON()) === JSON.stringify(values)) return;
  const value = doc.createNode([...values], { flow: true });
  if (node.has(key)) {
    node.set(key, value);
    return;
  }
  for (const anchor of after) {
    const index = node.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === anchor);
    if (index >= 0) {
      node.items.splice(index + 1, 0, doc.createPair(key, value));
      return;
    }
  }
  node.set(key, value);
}

function renameKey(map: YAMLMap, from: string, to: string): void {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === from) {
      pair.key.value = to;
      return;
    }
  }
}

function renameInList(list: YAMLSeq | undefined, from: string, to: string): void {
  if (!isSeq(list)) return;
  for (const item of list.items) if (isScalar(item) && item.value === from) item.value = to;
}

/** Adds or removes `member` in the schema's `required` list; says what changed. */
function setRequired(
  doc: Document.Parsed,
  schemaNode: YAMLMap,
  member: string,
  required: boolean,
): 'made' | 'dropped' | undefined {
  let list = schemaNode.get('required') as YAMLSeq | undefined;
  const has = isSeq(list) && list.items.some((i) => isScalar(i) && i.value === member);
  if (required === has) return undefined;
  if (required) {
    if (!isSeq(list)) {
      list = doc.createNode([], { flow: true }) as YAMLSeq;
      schemaNode.set('required', list);
    }
    list.add(doc.createNode(member));
    return 'made';
  }
  list!.items = list!.items.filter((i) => !(isScalar(i) && i.value === member));
  if (list!.items.length === 0) schemaNode.delete('required');
  return 'dropped';
}

function existingNotes(node: YAMLMap): Map<string, Note> {
  const notes = new Map<string, Note>();
  const list = node.get('x-volc-crosscheck');
  if (!isSeq(list)) return notes;
  for (const item of list.toJSON() as unknown[]) {
    if (isJson(item) && typeof item.subject === 'string') notes.set(item.subject, item as unknown as Note);
  }
  return notes;
}

/** Appends a note unless one on the same subject is there; a note a person wrote or edited wins. */
function addNote(doc: Document.Parsed, node: YAMLMap, note: Note, report: SpecReport, replaceSame: boolean): void {
  let list = node.get('x-volc-crosscheck') as YAMLSeq | undefined;
  if (!isSeq(list)) {
    list = doc.createNode([]) as YAMLSeq;
    node.set('x-volc-crosscheck', list);
  }
  const ordered: Note = { subject: note.subject } as Note;
  for (const s of SOURCES) if (note[s] !== undefined) ordered[s] = note[s];
  ordered.chosen = note.chosen;
  ordered.reason = note.reason;
  const index = list.items.findIndex((item) => isMap(item) && item.get('subject') === note.subject);
  if (index >= 0) {
    if (!replaceSame) return;
    const before = JSON.stringify((list.items[index] as YAMLMap).toJSON());
    if (before === JSON.stringify(ordered)) return;
    list.items[index] = doc.createNode(ordered);
    return;
  }
  list.add(doc.createNode(ordered));
  report.notesAdded++;
}
