/**
 * The official Go SDK (github.com/volcengine/volcengine-go-sdk) as a source: its generated
 * `service/<folder>/` code read as text and turned into source facts. Nothing is compiled or run.
 *
 * What a folder holds and how it is read:
 * - `service_<folder>.go`: `ServiceName = "..."` (the signing name) and `APIVersion: "..."`.
 * - `api_<snake>.go`, one or more actions each: `const opX = "Action"`, the `XRequest` function with
 *   `HTTPMethod` and, for JSON, `Header.Set("Content-Type", "application/json; charset=utf-8")`; the
 *   input and output structs and the nested ones they name; `const (...)` blocks of enum values,
 *   each value after a comment `// <Const> is a <Enum> enum value`; `Validate()` methods.
 *
 * Wire names follow the Go runtime (checked in the SDK's own code, see `wireName`):
 * - GET and form POST (`volcenginebody.BodyParam` -> `private/protocol/query/queryutil.parseStruct`):
 *   the `locationName` tag, else the Go field name; the `json` tag is not read.
 * - JSON POST (`volcenginebody.BodyJson` -> `encoding/json.Marshal`): the `json` tag's name, else the
 *   Go field name; `locationName` is not read.
 * - Results (`volcenginequery.Unmarshal` -> `encoding/json.Unmarshal`): the `json` tag's name, else the
 *   field name, matched without regard to case; the facts write the `json` name, else `locationName`
 *   (which only ever differs from the field name in case), else the field name.
 *
 * Bounds: `min`/`max` tags, in the unit the generated `Validate()` checks: `len(*s.F)` of a string
 * is its UTF-8 byte length (`bytes`), a list's `len(s.F)` its item count (`items`), a number is
 * compared with `<` / `>` so both ends are inclusive (`value`).
 *
 * A line this reader does not understand is never skipped in silence: it becomes a `GoProblem`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogType } from '../import/catalog.js';
import type { ActionFacts, Bound, MemberFacts, ServiceFacts, ShapeFacts } from './facts.js';

export interface GoProblem {
  /** The file, relative to the checkout (`service/vms/api_bind_axn_e.go`). */
  readonly file: string;
  /** 1-based line, 0 when the problem is about the folder or a shape as a whole. */
  readonly line: number;
  readonly message: string;
  /** The line as written, when there is one. */
  readonly text?: string;
}

/** Per-folder numbers the report prints. */
export interface GoFolderSummary {
  readonly folder: string;
  readonly service: string;
  readonly version: string;
  readonly actions: number;
  readonly shapes: number;
  /** Structs no action reaches (not written). */
  readonly unreached: number;
  /**
   * min/max tags on result members: Go never checks them (only inputs have a Validate()), so they
   * are not written as bounds.
   */
  readonly resultBounds: number;
}

export interface GoSdkRead {
  readonly services: ServiceFacts[];
  readonly folders: GoFolderSummary[];
  /** Folders without a `service_<folder>.go` (not an OpenAPI service client), with why. */
  readonly skipped: { readonly folder: string; readonly reason: string }[];
  readonly problems: GoProblem[];
}

/** Every service folder of a Go SDK checkout (the folder that holds `service/`), one ServiceFacts each. */
export function readGoSdk(checkoutDir: string): ServiceFacts[] {
  return readGoSdkDetailed(checkoutDir).services;
}

export function readGoSdkDetailed(checkoutDir: string): GoSdkRead {
  const serviceDir = join(checkoutDir, 'service');
  if (!existsSync(serviceDir)) throw new Error(`${checkoutDir}: no service/ folder; name the Go SDK checkout's root`);
  const result: GoSdkRead = { services: [], folders: [], skipped: [], problems: [] };
  const folders = readdirSync(serviceDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compare);
  for (const folder of folders) readFolder(checkoutDir, folder, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reading the Go text

interface GoField {
  readonly name: string;
  readonly goType: string;
  readonly tags: ReadonlyMap<string, string>;
  readonly file: string;
  readonly line: number;
}

interface GoStruct {
  readonly name: string;
  readonly fields: GoField[];
  readonly file: string;
  readonly line: number;
}

interface GoCheck {
  readonly kind: 'min' | 'max';
  readonly unit: Bound['unit'];
  readonly limit: number;
}

interface GoAction {
  readonly name: string;
  readonly method: string;
  readonly contentType: string | undefined;
  readonly input: string;
  readonly output: string;
  readonly file: string;
  readonly line: number;
}

interface FolderText {
  readonly structs: Map<string, GoStruct>;
  readonly enums: Map<string, string[]>;
  /** Struct name -> field name -> the checks its Validate() makes. */
  readonly checks: Map<string, Map<string, GoCheck[]>>;
  readonly actions: GoAction[];
  resultBounds: number;
}

const FIELD = /^\t([A-Za-z_][A-Za-z0-9_]*) ([^\s`]+)(?: `([^`]*)`)?$/;
const TAG = /([A-Za-z_][A-Za-z0-9_]*):"((?:[^"\\]|\\.)*)"/g;
const REQUEST_FUNC =
  /^func \(c \*\w+\) (\w+)Request\(input \*([^)]+)\) \(req \*request\.Request, output \*([^)]+)\) \{$/;
const ENUM_COMMENT = /^\t\/\/ (\w+) is a (\w+) enum value$/;
const CONST_VALUE = /^\t(\w+) = ("(?:[^"\\]|\\.)*")$/;
const LEN_CHECK = /^\tif s\.(\w+) != nil && len\((\*?)s\.(\w+)\) ([<>]) (\S+) \{$/;
const VALUE_CHECK = /^\tif s\.(\w+) != nil && \*s\.(\w+) ([<>]) (\S+) \{$/;

function readFolder(checkoutDir: string, folder: string, result: GoSdkRead): void {
  const dir = join(checkoutDir, 'service', folder);
  const serviceFile = `service_${folder}.go`;
  if (!existsSync(join(dir, serviceFile))) {
    result.skipped.push({ folder, reason: `no ${serviceFile}` });
    return;
  }
  const rel = (file: string) => `service/${folder}/${file}`;
  const serviceText = readFileSync(join(dir, serviceFile), 'utf8');
  const service = /^\s*ServiceName\s*=\s*"([^"]+)"/m.exec(serviceText)?.[1];
  const version = /^\s*APIVersion:\s*"([^"]+)"/m.exec(serviceText)?.[1];
  if (!service || !version) {
    result.skipped.push({ folder, reason: `${serviceFile} states no ServiceName or APIVersion` });
    result.problems.push({ file: rel(serviceFile), line: 0, message: 'no ServiceName constant or APIVersion' });
    return;
  }
  const text: FolderText = { structs: new Map(), enums: new Map(), checks: new Map(), actions: [], resultBounds: 0 };
  const files = readdirSync(dir)
    .filter((name) => name.startsWith('api_') && name.endsWith('.go'))
    .sort(compare);
  for (const file of files) readApiFile(readFileSync(join(dir, file), 'utf8'), rel(file), text, result.problems);
  const facts = buildFacts(folder, service, version, text, result.problems);
  result.services.push(facts.service);
  result.folders.push({
    folder,
    service,
    version,
    actions: facts.service.actions.length,
    shapes: Object.keys(facts.service.shapes).length,
    unreached: facts.unreached,
    resultBounds: text.resultBounds,
  });
}

/** One api_*.go file: its operations, structs, enum constants and Validate() checks. */
function readApiFile(source: string, file: string, text: FolderText, problems: GoProblem[]): void {
  const lines = source.split('\n');
  const ops = new Map<string, string>();
  const problem = (i: number, message: string) => problems.push({ file, line: i + 1, message, text: lines[i] });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const op = /^const (op\w+) = "([^"]+)"$/.exec(line);
    if (op) {
      ops.set(op[1]!, op[2]!);
      continue;
    }
    const request = REQUEST_FUNC.exec(line);
    if (request) {
      i = readRequestFunc(lines, i, request, ops, file, text, problems);
      continue;
    }
    if (/^func \(c \*\w+\) [A-Z]\w*Request\(/.test(line)) {
      problem(i, 'a ...Request function whose signature is not `(input *X) (req *request.Request, output *Y)`');
      continue;
    }
    const struct = /^type (\w+) struct \{$/.exec(line);
    if (struct) {
      i = readStruct(lines, i, struct[1]!, file, text, problems);
      continue;
    }
    if (line === 'const (') {
      i = readConstBlock(lines, i, file, text, problems);
      continue;
    }
    const validate = /^func \(s \*(\w+)\) Validate\(\) error \{$/.exec(line);
    if (validate) {
      i = readValidate(lines, i, validate[1]!, file, text, problems);
    }
  }
}

function readRequestFunc(
  lines: string[],
  start: number,
  match: RegExpExecArray,
  ops: Map<string, string>,
  file: string,
  text: FolderText,
  problems: GoProblem[],
): number {
  const [, , input, output] = match as unknown as [string, string, string, string];
  let opConst: string | undefined;
  let method: string | undefined;
  let contentType: string | undefined;
  let i = start + 1;
  for (; i < lines.length && lines[i] !== '}'; i++) {
    const line = lines[i]!;
    opConst ??= /^\t\tName:\s+(op\w+),$/.exec(line)?.[1];
    method ??= /^\t\tHTTPMethod:\s+"([A-Z]+)",$/.exec(line)?.[1];
    const header = /^\treq\.HTTPRequest\.Header\.Set\("Content-Type", "([^"]*)"\)$/.exec(line);
    if (header) contentType = header[1];
  }
  // The untyped twin of every action (`XCommonRequest(input *map[string]interface{})`) sends
  // the same operation with a map; the typed function is the one with facts.
  if (input.startsWith('map[')) return i;
  const name = opConst ? ops.get(opConst) : undefined;
  if (!name || !method) {
    problems.push({
      file,
      line: start + 1,
      message: `cannot find the operation's ${name ? 'HTTPMethod' : 'Name constant'}`,
      text: lines[start],
    });
    return i;
  }
  text.actions.push({ name, method, contentType, input, output, file, line: start + 1 });
  return i;
}

function readStruct(
  lines: string[],
  start: number,
  name: string,
  file: string,
  text: FolderText,
  problems: GoProblem[],
): number {
  const fields: GoField[] = [];
  let i = start + 1;
  for (; i < lines.length && lines[i] !== '}'; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || /^\s*\/\//.test(line)) continue;
    const m = FIELD.exec(line);
    if (!m) {
      problems.push({ file, line: i + 1, message: `struct ${name}: a line that is not a field`, text: line });
      continue;
    }
    const tags = new Map<string, string>();
    const raw = m[3] ?? '';
    for (const t of raw.matchAll(TAG)) tags.set(t[1]!, t[2]!);
    if (raw.replace(TAG, '').trim() !== '') {
      problems.push({ file, line: i + 1, message: `struct ${name}: a tag that is not key:"value"`, text: line });
    }
    fields.push({ name: m[1]!, goType: m[2]!, tags, file, line: i + 1 });
  }
  if (text.structs.has(name)) {
    problems.push({
      file,
      line: start + 1,
      message: `struct ${name} is declared twice in the folder`,
      text: lines[start],
    });
  } else {
    text.structs.set(name, { name, fields, file, line: start + 1 });
  }
  return i;
}

function readConstBlock(lines: string[], start: number, file: string, text: FolderText, problems: GoProblem[]): number {
  let i = start + 1;
  let pending: { constant: string; enumName: string } | undefined;
  for (; i < lines.length && lines[i] !== ')'; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const comment = ENUM_COMMENT.exec(line);
    if (comment) {
      pending = { constant: comment[1]!, enumName: comment[2]! };
      continue;
    }
    const value = CONST_VALUE.exec(line);
    if (value && pending && pending.constant === value[1]) {
      const values = text.enums.get(pending.enumName) ?? [];
      values.push(JSON.parse(value[2]!) as string);
      text.enums.set(pending.enumName, values);
      pending = undefined;
      continue;
    }
    problems.push({ file, line: i + 1, message: 'const block: not an enum value after its comment', text: line });
    pending = undefined;
  }
  return i;
}

function readValidate(
  lines: string[],
  start: number,
  struct: string,
  file: string,
  text: FolderText,
  problems: GoProblem[],
): number {
  const checks = text.checks.get(struct) ?? new Map<string, GoCheck[]>();
  text.checks.set(struct, checks);
  let i = start + 1;
  for (; i < lines.length && lines[i] !== '}'; i++) {
    const line = lines[i]!;
    const len = LEN_CHECK.exec(line);
    const value = len ? undefined : VALUE_CHECK.exec(line);
    if (!len && !value) continue;
    const field = (len ?? value)![1]!;
    const same = len ? len[3] : value![2];
    const op = len ? len[4]! : value![3]!;
    const limit = Number(len ? len[5] : value![4]);
    const next = lines[i + 1] ?? '';
    const error = /request\.NewErrParam(MinLen|MaxLen|MinValue|MaxValue)\(/.exec(next)?.[1];
    if (same !== field || !Number.isFinite(limit) || !error) {
      problems.push({
        file,
        line: i + 1,
        message: `Validate of ${struct}: a bound check this reader cannot read`,
        text: line,
      });
      continue;
    }
    // `x < min` and `x > max` are the errors, so both limits are allowed values (inclusive).
    const kind = op === '<' ? 'min' : 'max';
    if (!error.toLowerCase().startsWith(kind)) {
      problems.push({ file, line: i + 1, message: `Validate of ${struct}: ${op} reports ${error}`, text: line });
      continue;
    }
    // `len(*s.F)`: a string's length in bytes; `len(s.F)`: a list's item count.
    const unit: Bound['unit'] = len ? (len[2] === '*' ? 'bytes' : 'items') : 'value';
    const list = checks.get(field) ?? [];
    list.push({ kind, unit, limit });
    checks.set(field, list);
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// From the Go text to facts

type Context = 'query' | 'json' | 'result';

function buildFacts(
  folder: string,
  service: string,
  version: string,
  text: FolderText,
  problems: GoProblem[],
): { service: ServiceFacts; unreached: number } {
  // Top-level structs take the Node SDK's names (`<Action>Request`, `<Action>Response`); nested ones keep Go's.
  const rename = new Map<string, string>();
  const actions: ActionFacts[] = [];
  const contexts = new Map<string, Context>();
  const seen = new Set<string>();
  for (const action of text.actions) {
    if (seen.has(action.name)) {
      problems.push({ file: action.file, line: action.line, message: `action ${action.name} is declared twice` });
      continue;
    }
    seen.add(action.name);
    const contentType = contentTypeOf(action, problems);
    if (!contentType) continue;
    const method = action.method as 'GET' | 'POST';
    // `CreateThingInput` -> `CreateThingRequest`: the Go struct's name with the Node suffix, which
    // stays PascalCase when the action is not (spark's `createApplication`).
    for (const [goName, nodeName] of [
      [action.input, action.input.replace(/(Input)?$/, 'Request')],
      [action.output, action.output.replace(/(Output)?$/, 'Response')],
    ] as const) {
      const earlier = rename.get(goName);
      if (earlier && earlier !== nodeName) {
        problems.push({
          file: action.file,
          line: action.line,
          message: `${goName} is the top-level struct of two actions (${earlier}, ${nodeName}); kept as ${earlier}`,
        });
      } else if (!text.structs.has(goName)) {
        problems.push({ file: action.file, line: action.line, message: `action ${action.name}: no struct ${goName}` });
      } else {
        rename.set(goName, nodeName);
      }
    }
    actions.push({
      name: action.name,
      version,
      method,
      contentType,
      input: text.structs.has(action.input) ? (rename.get(action.input) ?? action.input) : null,
      output: text.structs.has(action.output) ? (rename.get(action.output) ?? action.output) : null,
    });
    reach(action.input, contentType === 'application/json' ? 'json' : 'query', text, contexts, problems);
    reach(action.output, 'result', text, contexts, problems);
  }
  const shapes: Record<string, ShapeFacts> = {};
  for (const [goName, context] of contexts) {
    const struct = text.structs.get(goName)!;
    const name = rename.get(goName) ?? goName;
    if (shapes[name]) {
      problems.push({
        file: struct.file,
        line: struct.line,
        message: `${folder}: struct ${goName} would be written as ${name}, which another struct already is; not written`,
      });
      continue;
    }
    shapes[name] = shapeFacts(struct, context, rename.has(goName), text, rename, problems);
  }
  return {
    service: { source: 'go', package: folder, service, versions: [version], endpoint: {}, actions, shapes },
    unreached: text.structs.size - contexts.size,
  };
}

function contentTypeOf(action: GoAction, problems: GoProblem[]): string | undefined {
  const json = action.contentType?.toLowerCase().includes('application/json') ?? false;
  if (action.method === 'GET' && !action.contentType) return 'text/plain';
  if (action.method === 'POST' && json) return 'application/json';
  // volcenginebody.BodyParam: a POST without a JSON content type is always sent as a form.
  if (action.method === 'POST' && !action.contentType) return 'application/x-www-form-urlencoded';
  problems.push({
    file: action.file,
    line: action.line,
    message: `action ${action.name}: ${action.method} with Content-Type ${action.contentType ?? '(none)'} is not handled`,
  });
  return undefined;
}

/** Marks a struct and every struct it names as sent in `context` (the first context wins). */
function reach(
  goName: string,
  context: Context,
  text: FolderText,
  contexts: Map<string, Context>,
  problems: GoProblem[],
): void {
  const struct = text.structs.get(goName);
  if (!struct) return;
  const known = contexts.get(goName);
  if (known) {
    if (known !== context && wireNamesDiffer(struct, known, context)) {
      problems.push({
        file: struct.file,
        line: struct.line,
        message: `struct ${goName} is sent as ${known} and as ${context}, with different wire names; written as ${known}`,
      });
    }
    return;
  }
  contexts.set(goName, context);
  for (const field of struct.fields) {
    const target = /([A-Za-z_]\w*)$/.exec(field.goType)?.[1];
    if (target && text.structs.has(target)) reach(target, context, text, contexts, problems);
  }
}

function wireNamesDiffer(struct: GoStruct, a: Context, b: Context): boolean {
  return struct.fields.some((f) => wireName(f, a) !== wireName(f, b));
}

/** The name the Go runtime sends (or reads) for a field; see the file's comment. */
export function wireName(field: Pick<GoField, 'name' | 'tags'>, context: Context): string {
  const jsonName = field.tags.get('json')?.split(',')[0] ?? '';
  const locationName = field.tags.get('locationName') ?? '';
  if (context === 'query') return locationName || field.name;
  if (context === 'json') return jsonName || field.name;
  return jsonName || locationName || field.name;
}

function shapeFacts(
  struct: GoStruct,
  context: Context,
  topLevel: boolean,
  text: FolderText,
  rename: ReadonlyMap<string, string>,
  problems: GoProblem[],
): ShapeFacts {
  const members: Record<string, MemberFacts> = {};
  const required: string[] = [];
  const checks = text.checks.get(struct.name);
  for (const field of struct.fields) {
    if (field.name === '_' && field.goType === 'struct{}') continue;
    // The response envelope's metadata, filled from ResponseMetadata, not from Result.
    if (topLevel && field.name === 'Metadata' && field.goType === '*response.ResponseMetadata') continue;
    const problem = (message: string) =>
      problems.push({ file: field.file, line: field.line, message: `${struct.name}.${field.name}: ${message}` });
    const jsonTag = field.tags.get('json');
    if (jsonTag === '-' || field.tags.has('ignore')) {
      problem('not sent (json:"-" or ignore)');
      continue;
    }
    const type = memberType(field, text, rename, problem);
    if (!type) continue;
    // Go's encoding/json and queryutil skip unexported fields: the SDK states the member but never
    // sends or reads it. It is kept, under its own name.
    if (!/^[A-Z]/.test(field.name)) problem('unexported field: Go never sends or reads it; kept under its name');
    const wire = wireName(field, context);
    const facts: Record<string, unknown> = { ...type };
    if (context === 'result') {
      if (field.tags.has('min') || field.tags.has('max')) text.resultBounds++;
    } else {
      const bound = boundOf(field, type, checks?.get(field.name), problem);
      if (bound) facts.bound = bound;
      const locationName = field.tags.get('locationName');
      if (context === 'json' && locationName && locationName !== wire) {
        problem(`locationName "${locationName}" is not read for a JSON body; Go sends "${wire}"`);
      }
    }
    if (wire !== field.name) facts.sourceName = field.name;
    if (members[wire]) {
      problem(`wire name ${wire} is taken by an earlier field; not written`);
      continue;
    }
    members[wire] = facts as MemberFacts;
    if (field.tags.get('required') === 'true') required.push(wire);
  }
  return { type: 'object', members, required };
}

/** The catalog type of a Go field, from its Go type and its `type` tag (which must agree). */
function memberType(
  field: GoField,
  text: FolderText,
  rename: ReadonlyMap<string, string>,
  problem: (message: string) => void,
): CatalogType | undefined {
  const type = goTypeFacts(field.goType, text, rename);
  if (!type) {
    problem(`Go type ${field.goType} is not one this reader knows`);
    return undefined;
  }
  const tag = field.tags.get('type');
  const enumName = field.tags.get('enum');
  if ('type' in type && type.type === 'string' && enumName) {
    const values = text.enums.get(enumName);
    if (!values) {
      problem(`enum ${enumName} has no values in the folder`);
      return type;
    }
    return { type: 'string', enum: values };
  }
  if (enumName) problem(`enum ${enumName} on a ${field.goType}`);
  if (!tag) return type;
  // The `type` tag names the Go generator's model type; `integer` and `float` say more than the Go type.
  if ('type' in type && type.type === 'number') {
    const base = field.goType.replace(/^\*/, '');
    if (tag === 'integer' && base === 'int64') return { type: 'number', format: 'integer' };
    if (tag === 'float' && base === 'float64') return { type: 'number', format: 'float', goType: 'float64' };
    if (tag === 'double' && base === 'float64') return type;
    if (tag === base || (tag === 'float' && base === 'float32')) return type;
    if (tag === 'json_number' && base === 'json.Number') return type;
  } else if (
    ('ref' in type && tag === 'structure') ||
    ('type' in type &&
      ((type.type === 'string' && tag === 'string') ||
        (type.type === 'boolean' && tag === 'boolean') ||
        (type.type === 'array' && tag === 'list') ||
        (type.type === 'map' && tag === 'map') ||
        (type.type === 'any' && (tag === 'interface' || tag === 'jsonvalue'))))
  ) {
    return type;
  }
  problem(`type tag ${tag} does not match Go type ${field.goType}`);
  return type;
}

const SCALARS: Readonly<Record<string, CatalogType>> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  int32: { type: 'number', format: 'int32' },
  int64: { type: 'number', format: 'int64' },
  float32: { type: 'number', format: 'float' },
  float64: { type: 'number', format: 'double' },
  'json.Number': { type: 'number', goType: 'json.Number' },
  'interface{}': { type: 'any' },
};

function goTypeFacts(goType: string, text: FolderText, rename: ReadonlyMap<string, string>): CatalogType | undefined {
  const t = goType.replace(/^\*/, '');
  if (t.startsWith('[]')) {
    const items = goTypeFacts(t.slice(2), text, rename);
    return items && { type: 'array', items };
  }
  const map = /^map\[(\w+)\](.+)$/.exec(t);
  if (map) {
    const values = goTypeFacts(map[2]!, text, rename);
    return values && { type: 'map', keyType: map[1]!, values };
  }
  const scalar = SCALARS[t];
  if (scalar) return scalar;
  if (text.structs.has(t)) return { ref: rename.get(t) ?? t };
  return undefined;
}

/** An input member's bound: its min/max tags, checked against what its struct's Validate() does. */
function boundOf(
  field: GoField,
  type: CatalogType,
  checks: readonly GoCheck[] | undefined,
  problem: (message: string) => void,
): Bound | undefined {
  const minTag = field.tags.get('min');
  const maxTag = field.tags.get('max');
  if (minTag === undefined && maxTag === undefined && !checks?.length) return undefined;
  const kind = 'type' in type ? type.type : 'ref';
  const unit: Bound['unit'] | undefined =
    kind === 'string' ? 'bytes' : kind === 'array' ? 'items' : kind === 'number' ? 'value' : undefined;
  if (!unit) {
    problem(`min/max on a ${field.goType}`);
    return undefined;
  }
  const limits: { min?: number; max?: number } = {};
  for (const [which, tag] of [
    ['min', minTag],
    ['max', maxTag],
  ] as const) {
    const check = checks?.find((c) => c.kind === which);
    const limit = tag === undefined ? undefined : Number(tag);
    if (limit !== undefined && !Number.isFinite(limit)) {
      problem(`${which}:"${tag}" is not a number`);
      continue;
    }
    if (check && check.unit !== unit) problem(`Validate() checks ${which} in ${check.unit}, the type says ${unit}`);
    if (limit !== undefined) {
      if (!check) problem(`${which}:"${tag}" is not checked by Validate()`);
      else if (check.limit !== limit) problem(`${which}:"${tag}" but Validate() checks ${check.limit}`);
      limits[which] = limit;
    } else if (check) {
      // The Go generator writes no tag for some limits (negative ones) but still checks them.
      problem(`Validate() checks ${which} ${check.limit} with no ${which} tag; the bound is taken from Validate()`);
      limits[which] = check.limit;
    }
  }
  return limits.min === undefined && limits.max === undefined ? undefined : { ...limits, unit };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
