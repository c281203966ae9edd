/**
 * The official Volcengine CLI (github.com/volcengine/volcengine-cli) as a source: the API metadata it
 * embeds with go-bindata, turned into source facts.
 *
 * The CLI embeds three sets of JSON files, one file per service version in each, gzip-compressed into
 * Go byte-string literals:
 *
 * - `asset/asset.go` (`metadata/<service>/<version>/metadata.json`): per action `ApiInfo {Method,
 *   ContentType}` (missing for many actions) and the member names of `Request` and `Response` as a
 *   tree (`Basic` names, nested `Structure`);
 * - `typeset/typeset.go` (`metatype/.../meta_type.json`): per action and side, `MetaTypes` (member ->
 *   `TypeName`, `TypeOf` for arrays and maps, `Required`) and `ChildMetas` (the members of nested
 *   objects, by member name). Requests of query-style services use dotted names instead
 *   (`Servers.N.Port`). Responses are only here;
 * - `structset/structset.go` (`structure/.../structure.json`): `PkgName`, `Service`, `Version` and,
 *   per action, the request only, flat: top-level members by name and the members of nested types as
 *   `<TypeName>.<member>` with `ParentType`; the type names are the Go SDK's
 *   (`TagFilterForDescribeInstancesInput`), with `Format` (int32, int64, float, double, json_number).
 *
 * Requests are read from structure.json and completed from meta_type.json (structure.json leaves out
 * maps of strings and of arrays); responses are read from meta_type.json, and their nested shapes get
 * derived names (`<member path>For<Action>Output`). Every name metadata.json lists is then looked up
 * in the result, and one that has no type is reported as a problem. Nothing is guessed: an action
 * without a usable method and content type is listed in `uncallable`, not in `actions`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { UncallableAction, ActionFacts, MemberFacts, ServiceFacts, ShapeFacts } from './facts.js';

/** An action the CLI lists but whose request cannot be made from what it states. */
export type { UncallableAction } from './facts.js';

/**
 * Source facts of the CLI: the shared format with two lists more. `uncallable`: actions without a
 * usable method or content type (their shapes are in `shapes` all the same). `problems`: what could
 * not be read (a member without a readable type, a name metadata.json lists that has no type), one
 * sentence each.
 */
export interface CliServiceFacts extends ServiceFacts {
  readonly uncallable: readonly UncallableAction[];
  readonly problems: readonly string[];
}

/** A service version the CLI embeds something of but that yields no facts file, and why. */
export interface SkippedServiceVersion {
  readonly service: string;
  readonly version: string;
  readonly reason: string;
}

export interface CliMetadata {
  readonly facts: CliServiceFacts[];
  readonly skipped: SkippedServiceVersion[];
}

// ---------------------------------------------------------------------------------------------------
// go-bindata

/** One file embedded by go-bindata: its original path, the Go variable holding it, its bytes (gunzipped). */
export interface BindataFile {
  readonly path: string;
  readonly variable: string;
  readonly bytes: Buffer;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  '"': 34,
};

/**
 * The bytes of a Go interpreted string literal, given its text between the quotes: `\xNN`, octal
 * `\NNN`, `\uNNNN`, `\UNNNNNNNN` (as UTF-8) and the one-letter escapes; other characters stand for
 * their UTF-8 bytes. Throws on what Go would refuse.
 */
export function decodeGoString(body: string): Buffer {
  const out = Buffer.allocUnsafe(body.length * 3);
  let n = 0;
  const hex = (from: number, digits: number): number => {
    const text = body.slice(from, from + digits);
    if (text.length !== digits || !/^[0-9a-fA-F]+$/.test(text)) {
      throw new Error(`bad escape at ${from - 2}: \\${body.slice(from - 1, from + digits)}`);
    }
    return Number.parseInt(text, 16);
  };
  for (let i = 0; i < body.length; ) {
    const code = body.charCodeAt(i);
    if (code !== 92) {
      if (code === 34 || code === 10) throw new Error(`unescaped ${code === 34 ? 'quote' : 'newline'} at ${i}`);
      const point = body.codePointAt(i) as number;
      n += out.write(String.fromCodePoint(point), n, 'utf8');
      i += point > 0xffff ? 2 : 1;
      continue;
    }
    const letter = body[i + 1];
    if (letter === undefined) throw new Error(`lone backslash at the end`);
    if (letter === 'x') {
      out[n++] = hex(i + 2, 2);
      i += 4;
    } else if (letter >= '0' && letter <= '7') {
      const text = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(text) || Number.parseInt(text, 8) > 255)
        throw new Error(`bad octal escape at ${i}: \\${text}`);
      out[n++] = Number.parseInt(text, 8);
      i += 4;
    } else if (letter === 'u' || letter === 'U') {
      const digits = letter === 'u' ? 4 : 8;
      const point = hex(i + 2, digits);
      if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) throw new Error(`bad code point at ${i}: ${point}`);
      n += out.write(String.fromCodePoint(point), n, 'utf8');
      i += 2 + digits;
    } else if (letter in SIMPLE_ESCAPES) {
      out[n++] = SIMPLE_ESCAPES[letter] as number;
      i += 2;
    } else {
      throw new Error(`unknown escape at ${i}: \\${letter}`);
    }
  }
  return Buffer.from(out.subarray(0, n));
}

/**
 * Every file of a go-bindata source file. Variables are mapped to paths through the file's own
 * tables: `_bindata` (path -> function `X`), `XBytes()` (`bindataRead(_var, "path")`), and the
 * `// sources:` header; all three must agree, or this throws. Bytes are gunzipped.
 */
export function readBindata(source: string, file = 'bindata'): BindataFile[] {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  // var _x = []byte("..."): the literal is scanned by hand (a regular expression over a megabyte-long
  // line would backtrack).
  const literals = new Map<string, string>();
  const varStart = /^var (_[A-Za-z0-9_]+) = \[\]byte\("/gm;
  for (let m = varStart.exec(source); m; m = varStart.exec(source)) {
    const from = varStart.lastIndex;
    let i = from;
    while (i < source.length && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
    if (source.slice(i, i + 2) !== '")') fail(`the literal of ${m[1]} does not end with ")`);
    literals.set(m[1] as string, source.slice(from, i));
    varStart.lastIndex = i + 2;
  }
  // func XBytes() ([]byte, error) { return bindataRead(_x, "path") }
  const reads = new Map<string, { variable: string; path: string }>();
  const readFunc =
    /^func ([A-Za-z0-9_]+)Bytes\(\) \(\[\]byte, error\) \{\s*return bindataRead\(\s*(_[A-Za-z0-9_]+),\s*"([^"\\]*)",?\s*\)/gm;
  for (const m of source.matchAll(readFunc))
    reads.set(m[1] as string, { variable: m[2] as string, path: m[3] as string });
  // var _bindata = map[string]func() (*asset, error){ "path": X, ... }
  const table = /^var _bindata = map\[string\]func\(\) \(\*asset, error\)\{\n([\s\S]*?)^\}/m.exec(source);
  if (!table) return fail('no _bindata table');
  const header = /^\/\/ sources:\n((?:\/\/ .*\n)*)/m.exec(source);
  const listed = new Set(
    (header?.[1] ?? '')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3)),
  );
  const files: BindataFile[] = [];
  const used = new Set<string>();
  for (const line of (table[1] as string).split('\n')) {
    if (!line.trim()) continue;
    const entry = /^\s*"([^"\\]*)":\s*([A-Za-z0-9_]+),\s*$/.exec(line);
    if (!entry) return fail(`cannot read the _bindata line ${JSON.stringify(line.trim())}`);
    const [, path, func] = entry as unknown as [string, string, string];
    const read = reads.get(func);
    if (!read) return fail(`_bindata names ${func} for ${path}, but there is no ${func}Bytes reading a variable`);
    if (read.path !== path) fail(`${func}Bytes reads ${read.path}, but _bindata files it under ${path}`);
    const literal = literals.get(read.variable);
    if (literal === undefined) return fail(`${func}Bytes reads ${read.variable}, which is not declared`);
    if (!listed.has(path)) fail(`${path} is in _bindata but not in the "sources:" header`);
    let bytes: Buffer;
    try {
      bytes = gunzipSync(decodeGoString(literal));
    } catch (error) {
      return fail(`${read.variable} (${path}): ${(error as Error).message}`);
    }
    used.add(read.variable);
    files.push({ path, variable: read.variable, bytes });
  }
  for (const variable of literals.keys()) if (!used.has(variable)) fail(`${variable} is in no _bindata entry`);
  if (listed.size !== files.length) fail(`the "sources:" header lists ${listed.size} files, _bindata ${files.length}`);
  return files;
}

// ---------------------------------------------------------------------------------------------------
// The three metadata sets

interface NameTree {
  readonly Basic?: readonly string[];
  readonly Structure?: Readonly<Record<string, NameTree>>;
}
interface AssetAction {
  readonly ApiInfo?: { readonly Method?: string; readonly ContentType?: string };
  readonly Request?: NameTree;
  readonly Response?: NameTree;
}
interface MetaType {
  readonly TypeName?: string;
  readonly TypeOf?: string;
  readonly Required?: boolean;
}
interface MetaNode {
  readonly MetaTypes?: Readonly<Record<string, MetaType>>;
  readonly ChildMetas?: Readonly<Record<string, MetaNode>>;
}
interface TypesetAction {
  readonly Request?: MetaNode;
  readonly Response?: MetaNode;
}
interface StructMember {
  readonly Type?: string;
  readonly IsArray?: boolean;
  readonly IsMap?: boolean;
  readonly MapObjectLevel?: number;
  readonly IsObject?: boolean;
  readonly IsEnum?: boolean;
  readonly IsJsonNumber?: boolean;
  readonly Required?: boolean;
  readonly Format?: string;
  readonly ParentType?: string;
  readonly ItemType?: string;
}
interface StructFile {
  readonly PkgName?: string;
  readonly Service?: string;
  readonly Version?: string;
  readonly Structure?: Readonly<Record<string, Readonly<Record<string, StructMember>>>>;
}

interface ServiceVersionFiles {
  asset?: Record<string, AssetAction>;
  typeset?: Record<string, TypesetAction>;
  structset?: StructFile;
}

const SETS = [
  { set: 'asset', go: 'asset/asset.go', folder: 'metadata', file: 'metadata.json' },
  { set: 'typeset', go: 'typeset/typeset.go', folder: 'metatype', file: 'meta_type.json' },
  { set: 'structset', go: 'structset/structset.go', folder: 'structure', file: 'structure.json' },
] as const;

/** The facts of every service version the CLI checkout embeds. */
export function readCliMetadata(checkoutDir: string): CliServiceFacts[] {
  return readCliSources(checkoutDir).facts;
}

/** The facts, and the service versions that yield none (with the reason). */
export function readCliSources(checkoutDir: string): CliMetadata {
  const byVersion = new Map<string, ServiceVersionFiles>();
  for (const { set, go, folder, file } of SETS) {
    const goFile = join(checkoutDir, go);
    const pattern = new RegExp(`^volcengine-sdk-metadata/${folder}/([^/]+)/([^/]+)/${file.replace('.', '\\.')}$`);
    for (const entry of readBindata(readFileSync(goFile, 'utf8'), goFile)) {
      const m = pattern.exec(entry.path);
      // asset.go also holds files that are not service metadata (explorer_descriptions/...).
      if (!m) continue;
      const key = `${m[1]}/${m[2]}`;
      const files = byVersion.get(key) ?? {};
      byVersion.set(key, files);
      try {
        files[set] = JSON.parse(entry.bytes.toString('utf8'));
      } catch (error) {
        throw new Error(`${goFile}: ${entry.path} is not JSON (${(error as Error).message})`);
      }
    }
  }
  const facts: CliServiceFacts[] = [];
  const skipped: SkippedServiceVersion[] = [];
  for (const key of [...byVersion.keys()].sort()) {
    const [service, version] = key.split('/') as [string, string];
    const files = byVersion.get(key) as ServiceVersionFiles;
    if (!files.structset) {
      // The CLI registers a service version only through its structure.json (its package name).
      skipped.push({ service, version, reason: 'no structure.json: the CLI does not load this service version' });
      continue;
    }
    facts.push(serviceFacts(service, version, files));
  }
  return { facts, skipped };
}

// ---------------------------------------------------------------------------------------------------
// One service version

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
interface DraftShape {
  members: Record<string, MemberFacts>;
  required: string[];
}

const CONTENT_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);
const SCALARS: Readonly<Record<string, MemberFacts>> = {
  string: { type: 'string' },
  integer: { type: 'number', format: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
};

function serviceFacts(folderService: string, folderVersion: string, files: ServiceVersionFiles): CliServiceFacts {
  const struct = files.structset as StructFile;
  const problems: string[] = [];
  const service = struct.Service ?? folderService;
  const version = struct.Version ?? folderVersion;
  if (service !== folderService || version !== folderVersion) {
    problems.push(
      `structure.json says ${struct.Service}/${struct.Version}, its path ${folderService}/${folderVersion}`,
    );
  }
  const builder = new ShapeBuilder(problems);
  const names = new Set([
    ...Object.keys(files.asset ?? {}),
    ...Object.keys(files.typeset ?? {}),
    ...Object.keys(struct.Structure ?? {}),
  ]);
  const actions: ActionFacts[] = [];
  const uncallable: UncallableAction[] = [];
  for (const name of [...names].sort()) {
    const input = builder.request(name, struct.Structure?.[name], files.typeset?.[name]?.Request);
    const output = builder.response(name, files.typeset?.[name]?.Response);
    const asset = files.asset?.[name];
    if (asset) {
      if (input) builder.checkNames(name, 'Request', asset.Request, input);
      if (output) builder.checkNames(name, 'Response', asset.Response, output);
    }
    const call = callOf(asset, files.asset !== undefined);
    if ('reason' in call) uncallable.push({ name, version, reason: call.reason, input, output });
    else actions.push({ name, version, method: call.method, contentType: call.contentType, input, output });
  }
  return {
    source: 'cli',
    package: struct.PkgName ?? folderService,
    service,
    versions: [version],
    endpoint: {},
    actions,
    uncallable,
    shapes: builder.finish(),
    problems,
  };
}

/** Method and content type as the Node catalog writes them, or why there are none. */
function callOf(
  asset: AssetAction | undefined,
  hasAssetFile: boolean,
): { method: 'GET' | 'POST'; contentType: string } | { reason: string } {
  if (!asset) return { reason: hasAssetFile ? 'not in metadata.json' : 'no metadata.json for this version' };
  const info = asset.ApiInfo;
  if (!info) return { reason: 'no ApiInfo in metadata.json (method and content type not stated)' };
  const method = (info.Method ?? '').trim().toUpperCase();
  if (method === 'GET') return { method, contentType: 'text/plain' };
  if (method !== 'POST')
    return { reason: method ? `method ${info.Method} is neither GET nor POST` : 'ApiInfo has no Method' };
  const contentType = (info.ContentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!contentType) return { reason: 'POST without a ContentType' };
  if (!CONTENT_TYPES.has(contentType)) return { reason: `POST with content type ${info.ContentType}` };
  return { method, contentType };
}

/** `Tags` + `Key`... -> `TagsKey`: a derived shape name's part from member names. */
function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => (part[0] as string).toUpperCase() + part.slice(1))
    .join('');
}

/** The shape a member's type names, directly or as the items of an array or values of a map. */
function refTarget(type: MemberFacts): string | undefined {
  if ('ref' in type) return type.ref;
  if ('type' in type && type.type === 'array') return refTarget(type.items as MemberFacts);
  if ('type' in type && type.type === 'map') return refTarget(type.values as MemberFacts);
  return undefined;
}

/** A type's kind, to compare the two sets: scalar name, `array of ...`, `map of ...`, `object`, `any`. */
function kind(type: MemberFacts): string {
  if ('ref' in type) return 'object';
  if (type.type === 'array') return `array of ${kind(type.items as MemberFacts)}`;
  if (type.type === 'map') return `map of ${kind(type.values as MemberFacts)}`;
  if (type.type === 'number') return type.format === 'integer' || type.format?.startsWith('int') ? 'integer' : 'number';
  return type.type;
}

/** The kind meta_type.json says; an object without member types there is `any`, as typesetType reads it. */
function typesetKind(meta: MetaType, child: MetaNode | undefined): string {
  const name = meta.TypeName ?? '';
  const of = meta.TypeOf ?? '';
  const object = child ? 'object' : 'any';
  if (name === 'object') return object;
  if (name === 'array' || name === 'map')
    return `${name} of ${of === 'object' ? object : of === 'array' ? 'array of any' : of}`;
  return name;
}

class ShapeBuilder {
  private readonly shapes = new Map<string, DraftShape>();
  /** Named request types as structure.json alone makes them, to compare a second use with. */
  private readonly structured = new Map<string, string>();

  constructor(private readonly problems: string[]) {}

  /** `<Action>Request` from structure.json, completed from meta_type.json. */
  request(
    action: string,
    flat: Readonly<Record<string, StructMember>> | undefined,
    typeset: MetaNode | undefined,
  ): string | null {
    if (!flat && !typeset) return null;
    const root = `${action}Request`;
    this.claim(root, action);
    if (flat) this.fromStructure(action, root, flat);
    if (typeset) this.mergeTypeset(action, root, typeset, []);
    return root;
  }

  /** `<Action>Response` from meta_type.json. */
  response(action: string, typeset: MetaNode | undefined): string | null {
    if (!typeset) return null;
    const root = `${action}Response`;
    this.claim(root, action);
    this.fillFromTypeset(action, root, typeset, [], 'Output');
    return root;
  }

  /** Every name metadata.json lists on one side must have a type. */
  checkNames(action: string, side: 'Request' | 'Response', tree: NameTree | undefined, shape: string): void {
    if (!tree) return;
    for (const name of tree.Basic ?? []) {
      if (!this.resolve(shape, name)) {
        this.problems.push(`${action} ${side}: metadata.json lists ${name}, which leads to no member with a type`);
      }
    }
    for (const [name, sub] of Object.entries(tree.Structure ?? {})) {
      const type = this.resolve(shape, name);
      const target = type && refTarget(type);
      if (!target) {
        this.problems.push(`${action} ${side}: metadata.json lists ${name} with members, but it has no object type`);
        continue;
      }
      this.checkNames(action, side, sub, target);
    }
  }

  finish(): Record<string, ShapeFacts> {
    const out: Record<string, ShapeFacts> = {};
    for (const name of [...this.shapes.keys()].sort()) {
      const shape = this.shapes.get(name) as DraftShape;
      out[name] = { type: 'object', members: shape.members, required: shape.required };
    }
    return out;
  }

  private claim(name: string, action: string): DraftShape {
    const existing = this.shapes.get(name);
    if (existing) {
      this.problems.push(`${action}: shape ${name} is made twice; the second is merged into the first`);
      return existing;
    }
    const shape: DraftShape = { members: {}, required: [] };
    this.shapes.set(name, shape);
    return shape;
  }

  private add(shape: DraftShape, name: string, type: MemberFacts, required: boolean | undefined): void {
    shape.members[name] = type;
    if (required && !shape.required.includes(name)) shape.required.push(name);
  }

  // structure.json: top-level members (no ParentType) and `<TypeName>.<member>` keys.
  private fromStructure(action: string, root: string, flat: Readonly<Record<string, StructMember>>): void {
    const byParent = new Map<string, [string, StructMember][]>();
    for (const [key, member] of Object.entries(flat)) {
      const parent = member.ParentType ?? '';
      let name = key;
      if (parent) {
        if (key.startsWith(`${parent}.`)) name = key.slice(parent.length + 1);
        else if (key.toLowerCase().startsWith(`${parent.toLowerCase()}.`)) {
          name = key.slice(parent.length + 1);
          this.problems.push(
            `${action}: structure.json key ${key} has ParentType ${parent}; read as its member ${name}`,
          );
        } else {
          this.problems.push(
            `${action}: structure.json key ${key} does not start with its ParentType ${parent}; left out`,
          );
          continue;
        }
      }
      const list = byParent.get(parent) ?? [];
      byParent.set(parent, list);
      list.push([name, member]);
    }
    const done = new Set<string>();
    const build = (shape: DraftShape, shapeName: string, members: readonly [string, StructMember][]): void => {
      done.add(shapeName);
      for (const [name, member] of members) {
        const type = this.structType(member);
        if (typeof type === 'string') {
          this.problems.push(`${action} Request: ${shapeName}.${name}: ${type}; left out`);
          continue;
        }
        if (name in shape.members && JSON.stringify(shape.members[name]) !== JSON.stringify(type)) {
          this.problems.push(`${action}: ${shapeName}.${name} is listed twice with different types; the last is kept`);
        }
        this.add(shape, name, type, member.Required);
        const target = refTarget(type);
        if (!target || done.has(target)) continue;
        // A named type: built afresh; a type of the same name from another action must be the same.
        const draft: DraftShape = { members: {}, required: [] };
        build(draft, target, byParent.get(target) ?? []);
        const text = JSON.stringify(draft);
        const other = this.structured.get(target);
        if (other === undefined) {
          this.structured.set(target, text);
          this.shapes.set(target, draft);
        } else if (other !== text) {
          this.problems.push(
            `${action}: type ${target} differs from the type of that name another action uses; the first is kept`,
          );
        }
      }
    };
    done.add('');
    build(this.shapes.get(root) as DraftShape, root, byParent.get('') ?? []);
    for (const parent of byParent.keys()) {
      if (!done.has(parent)) {
        this.problems.push(`${action}: structure.json type ${parent} is used by no member of the request; left out`);
      }
    }
  }

  /** A structure.json member's type, or why it cannot be read. */
  private structType(member: StructMember): MemberFacts | string {
    const name = member.Type ?? '';
    const format = member.Format ?? '';
    let type: Mutable<MemberFacts> & Record<string, unknown>;
    if (name === 'string' || name === 'number' || name === 'boolean') type = { type: name };
    else if (name === 'integer') type = { type: 'number', format: 'integer' };
    else if (name === 'object') type = { type: 'any' };
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) type = { ref: name };
    else return name ? `type ${JSON.stringify(name)} is not understood` : 'no Type';
    if (format) {
      if ('ref' in type || type.type === 'any') return `Format ${format} on type ${name}`;
      type.format = format;
    }
    if (member.ItemType) return `ItemType ${member.ItemType} is not understood`;
    if (member.IsMap) {
      if (member.IsArray) return 'both IsArray and IsMap';
      const level = member.MapObjectLevel ?? 1;
      if (level > 1) return `MapObjectLevel ${level} is not understood`;
      return { type: 'map', keyType: 'string', values: type as MemberFacts };
    }
    if (member.IsArray) return { type: 'array', items: type as MemberFacts };
    return type as MemberFacts;
  }

  // meta_type.json into a request made from structure.json: fills in what structure.json leaves out.
  private mergeTypeset(action: string, shapeName: string, node: MetaNode, path: readonly string[]): void {
    const shape = this.shapes.get(shapeName) as DraftShape;
    for (const [name, meta] of Object.entries(node.MetaTypes ?? {})) {
      const child = node.ChildMetas?.[name];
      const existing = shape.members[name];
      if (existing) {
        const said = typesetKind(meta, child);
        if (said !== kind(existing)) {
          this.problems.push(
            `${action} Request: ${shapeName}.${name} is ${kind(existing)} in structure.json, ${said} in meta_type.json; structure.json is kept`,
          );
        }
        if (Boolean(meta.Required) !== shape.required.includes(name)) {
          this.problems.push(
            `${action} Request: ${shapeName}.${name} is ${meta.Required ? 'optional' : 'required'} in structure.json, ${meta.Required ? 'required' : 'optional'} in meta_type.json; structure.json is kept`,
          );
        }
        const target = refTarget(existing);
        if (child && target) this.mergeTypeset(action, target, child, [...path, name]);
        else if (child && Object.keys(child.MetaTypes ?? {}).length > 0) {
          this.problems.push(
            `${action} Request: ${shapeName}.${name} has members in meta_type.json, none in structure.json; they are left out`,
          );
        }
        continue;
      }
      if (name.includes('.') && this.resolve(shapeName, name)) continue; // a dotted (query-style) name
      if (!name.includes('.')) {
        const type = this.typesetType(action, meta, child, [...path, name], 'Input');
        if (typeof type === 'string') this.problems.push(`${action} Request: ${shapeName}.${name}: ${type}; left out`);
        else this.add(shape, name, type, meta.Required);
        continue;
      }
      if (!this.addDotted(action, shapeName, name, meta, [...path])) {
        this.problems.push(
          `${action} Request: meta_type.json lists ${name}, which has no place in ${shapeName}; left out`,
        );
      }
    }
  }

  /** `BgpConfig.EnableBgp` whose last member structure.json leaves out: added where the path leads. */
  private addDotted(action: string, shapeName: string, dotted: string, meta: MetaType, path: string[]): boolean {
    const cut = dotted.lastIndexOf('.');
    const head = dotted.slice(0, cut);
    const last = dotted.slice(cut + 1);
    if (last === 'N') return false;
    const parent = this.resolve(shapeName, head);
    const target = parent && refTarget(parent);
    if (!target) return false;
    const type = this.typesetType(
      action,
      meta,
      undefined,
      [...path, ...head.split('.').filter((s) => s !== 'N'), last],
      'Input',
    );
    if (typeof type === 'string') return false;
    this.add(this.shapes.get(target) as DraftShape, last, type, meta.Required);
    return true;
  }

  /** A shape's members from a meta_type.json node (responses, and nested objects structure.json lacks). */
  private fillFromTypeset(
    action: string,
    shapeName: string,
    node: MetaNode,
    path: readonly string[],
    side: 'Input' | 'Output',
  ): void {
    const shape = this.shapes.get(shapeName) as DraftShape;
    const label = side === 'Input' ? 'Request' : 'Response';
    for (const [name, meta] of Object.entries(node.MetaTypes ?? {})) {
      const type = this.typesetType(action, meta, node.ChildMetas?.[name], [...path, name], side);
      if (typeof type === 'string') this.problems.push(`${action} ${label}: ${shapeName}.${name}: ${type}; left out`);
      else this.add(shape, name, type, meta.Required);
    }
    for (const name of Object.keys(node.ChildMetas ?? {})) {
      if (!node.MetaTypes?.[name]) {
        this.problems.push(
          `${action} ${label}: ${shapeName}: meta_type.json has members of ${name} but no type; left out`,
        );
      }
    }
  }

  /** A meta_type.json member's type (nested objects become derived shapes), or why it cannot be read. */
  private typesetType(
    action: string,
    meta: MetaType,
    child: MetaNode | undefined,
    path: readonly string[],
    side: 'Input' | 'Output',
  ): MemberFacts | string {
    const name = meta.TypeName ?? '';
    let usedChild = false;
    const element = (of: string | undefined): MemberFacts | undefined => {
      if (of === undefined || of === '') return undefined;
      if (of in SCALARS) return SCALARS[of];
      if (of === 'array') return { type: 'array', items: { type: 'any' } };
      if (of !== 'object') return undefined;
      if (!child) return { type: 'any' };
      usedChild = true;
      const shapeName = `${path.map(pascal).join('')}For${action}${side}`;
      this.claim(shapeName, action);
      this.fillFromTypeset(action, shapeName, child, path, side);
      return { ref: shapeName };
    };
    let type: MemberFacts | undefined;
    const listOf = /^array\[(string|integer|number|boolean)\]((?:\[\])*)$/.exec(name);
    if (name in SCALARS) type = SCALARS[name];
    else if (name === 'object') type = element('object');
    else if (name === 'array') {
      const items = element(meta.TypeOf);
      type = items && { type: 'array', items };
    } else if (name === 'map') {
      const values = element(meta.TypeOf);
      type = values && { type: 'map', keyType: 'string', values };
    } else if (listOf) {
      type = { type: 'array', items: SCALARS[listOf[1] as string] as MemberFacts };
      for (let i = 0; i < (listOf[2] as string).length / 2; i++) type = { type: 'array', items: type };
    }
    if (!type) {
      return `meta_type.json type ${JSON.stringify(name)}${meta.TypeOf ? ` of ${JSON.stringify(meta.TypeOf)}` : ''} is not understood`;
    }
    if (child && !usedChild) {
      this.problems.push(
        `${action}: ${path.join('.')} has member types in meta_type.json, but its type ${name} has no members; they are left out`,
      );
    }
    return type;
  }

  /**
   * The type a name leads to from a shape: a member name (which may hold dots), or a dotted path
   * (`Servers.N.Port`, `EipBillingConfig.ISP`) where `N` steps into an array's items.
   */
  private resolve(shapeName: string, dotted: string): MemberFacts | undefined {
    const shape = this.shapes.get(shapeName);
    if (!shape) return undefined;
    const direct = shape.members[dotted];
    if (direct) return direct;
    for (let cut = dotted.indexOf('.'); cut > 0; cut = dotted.indexOf('.', cut + 1)) {
      let type: MemberFacts | undefined = shape.members[dotted.slice(0, cut)];
      if (!type) continue;
      let rest = dotted.slice(cut + 1);
      while (rest === 'N' || rest.startsWith('N.')) {
        if (!('type' in type) || type.type !== 'array') return undefined;
        type = type.items as MemberFacts;
        rest = rest.slice(2);
      }
      if (rest === '') return type;
      const target = refTarget(type);
      const found = target && this.resolve(target, rest);
      if (found) return found;
    }
    return undefined;
  }
}
