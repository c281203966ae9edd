import { constantName, reachableShapes, type ServiceModel, type ShapeModel, type TypeModel } from '@volc-ts/spec';
import type { CodeBlockWriter } from './shared/writer.js';
import { canonicalName } from './shared/dedup.js';
import { describeCondition } from './shared/docs.js';
import { literal } from './shared/literal.js';
import { MAX_LINE, wrapList } from './shared/writer.js';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };
/** A string's bounds as core's StringRules names them: characters, then UTF-8 bytes. */
const STRING_BOUNDS = ['minLength', 'maxLength', 'minBytes', 'maxBytes'];

/**
 * Emits plain-JavaScript validators for one action's input: a `check<Shape>` function per reachable
 * shape and module-level constants for enums and patterns. It records which @volc-ts/core helpers
 * the code calls, so the operation file imports exactly those.
 */
export class ValidatorEmitter {
  readonly helpers = new Set<string>();
  /** Each constant's value, with the hints (member name and kind) of the members that use it. */
  private readonly constants = new Map<string, { readonly index: number; readonly hints: string[] }>();
  /** Constants that are lists, by value: written one item per line when long. */
  private readonly lists = new Map<
    string,
    { readonly open: string; readonly items: readonly string[]; readonly close: string }
  >();

  /** A constant holding a list: `[...] as const` or `new Set([...])`. */
  private listConstant(hint: string, open: string, items: readonly string[], close: string): string {
    const value = `${open}${items.join(', ')}${close}`;
    this.lists.set(value, { open, items, close });
    return this.constant(hint, value);
  }

  constructor(private readonly model: ServiceModel) {}

  /** Shapes the input reaches, the input first, each once; twins of one shape share one check. */
  reachable(root: string): ShapeModel[] {
    const names = new Set([...reachableShapes(this.model, [root])].map((name) => canonicalName(this.model, name)));
    return [...names].flatMap((name) => this.model.shapes.get(name) ?? []);
  }

  /** Writes `function checkX(issues, path, value)` for each shape; the constants it uses are written by {@link writeConstants}. */
  writeChecks(writer: CodeBlockWriter, shapes: readonly ShapeModel[]): void {
    for (const shape of shapes) {
      writer.blankLine();
      writer
        .write(`function check${shape.name}(issues: ValidationIssue[], path: string, value: unknown): void`)
        .block(() => {
          this.use('checkObject');
          writer.writeLine('if (!checkObject(issues, path, value)) return;');
          if (!shape.additional) {
            // Members the spec does not know: a warning by default, an issue under `strictMembers`.
            this.use('checkMembers');
            const members = this.listConstant(
              `${shape.name}Members`,
              'new Set([',
              shape.properties.map((p) => literal(p.name)),
              '])',
            );
            writer.writeLine(`checkMembers(issues, path, value, ${members});`);
          }
          if (shape.required.length > 0) {
            this.use('checkRequired');
            writer.writeLine(
              wrapList(
                'checkRequired(issues, path, value, [',
                shape.required.map((value) => literal(value)),
                ', ',
                ']);',
                writer.getIndentationLevel(),
              ),
            );
          }
          for (const property of shape.properties) {
            // Own properties only: what JSON and the query flattening send, and a member named `constructor`
            // or `toString` is not read from Object.prototype.
            const access = ownAccess(property.name);
            const pathExpr = `memberPath(path, ${literal(property.name)})`;
            if (hasCheck(property.type)) this.use('memberPath');
            if (hasCheck(property.type)) this.use('own');
            if (needsBlock(property.type)) {
              writer
                .write(`if (${access} !== undefined)`)
                .block(() => this.writeTypeCheck(writer, property.type, access, pathExpr, 0, `${property.name}`));
            } else if (hasCheck(property.type)) {
              const check = `${this.simpleCheck(property.type, access, pathExpr, property.name)};`;
              const line = `if (${access} !== undefined) ${check}`;
              // Placeholders of constants are short; the real names are not much longer.
              if (writer.getIndentationLevel() * 2 + line.length <= MAX_LINE) writer.writeLine(line);
              else writer.write(`if (${access} !== undefined)`).block(() => writer.writeLine(check));
            }
          }
          for (const { property, needs } of shape.dependentRequired) {
            this.use('checkDependentRequired');
            writer.writeLine(
              `checkDependentRequired(issues, path, value, ${literal(property)}, [${needs.map((value) => literal(value)).join(', ')}]);`,
            );
          }
          for (const conditional of shape.conditionals) {
            this.use('checkRequired');
            const test = conditional.conditions
              .map(({ property, values, mustBeSet }) => {
                this.use('own');
                const access = ownAccess(property);
                const match = values
                  ? values.map((v) => `${access} === ${typeof v === 'string' ? literal(v) : String(v)}`)
                  : [];
                if (!values) return `${access} !== undefined`;
                const parts = mustBeSet ? match : [`${access} === undefined`, ...match];
                return parts.length > 1 && conditional.conditions.length > 1
                  ? `(${parts.join(' || ')})`
                  : parts.join(' || ');
              })
              .join(' && ');
            const reason = literal(describeCondition(conditional, false));
            const check = `checkRequired(issues, path, value, [${conditional.thenRequired.map((value) => literal(value)).join(', ')}], ${reason});`;
            if (!test) writer.writeLine(check);
            else if (writer.getIndentationLevel() * 2 + test.length + check.length + 5 <= MAX_LINE)
              writer.writeLine(`if (${test}) ${check}`);
            else writer.write(`if (${test})`).block(() => writer.writeLine(check));
          }
          for (const property of shape.properties) {
            if (!property.greaterThan) continue;
            this.use('checkGreaterThan');
            writer.writeLine(
              `checkGreaterThan(issues, path, value, ${literal(property.name)}, ${literal(property.greaterThan)});`,
            );
          }
        });
    }
  }

  /** Module-level constants (enum lists, patterns, member sets) used by the checks, in first-use order. */
  writeConstants(writer: CodeBlockWriter): void {
    for (const [value, name] of this.constantNames()) {
      const list = this.lists.get(value);
      writer.writeLine(
        list
          ? wrapList(`const ${name} = ${list.open}`, list.items, ', ', `${list.close};`)
          : `const ${name} = ${value};`,
      );
    }
  }

  /** Replaces the placeholders that stand for constants in code written before all users were known. */
  resolveConstants(code: string): string {
    const names = [...this.constantNames().values()];
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL brackets placeholders; it never occurs in generated code
    return code.replace(/\u0000(\d+)\u0000/g, (_, index: string) => names[Number(index)]!);
  }

  private use(helper: string): void {
    this.helpers.add(helper);
  }

  /**
   * A constant for `value`, shared by every member that uses the same value. Its name is chosen once all
   * members are known (see {@link constantNames}); until then the code holds a placeholder.
   */
  private constant(hint: string, value: string): string {
    let entry = this.constants.get(value);
    if (!entry) {
      entry = { index: this.constants.size, hints: [] };
      this.constants.set(value, entry);
    }
    if (!entry.hints.includes(hint)) entry.hints.push(hint);
    return `\u0000${entry.index}\u0000`;
  }

  /**
   * Names each constant for what it holds: after its member when one member uses it, after the words
   * its members' names share when several do (StartTimePattern and EndTimePattern -> TIME_PATTERN), or
   * after all of them when they share none.
   */
  private constantNames(): Map<string, string> {
    const names = new Map<string, string>();
    const taken = new Set<string>();
    for (const [value, { hints }] of this.constants) {
      const base = constantName(hints.length === 1 ? hints[0]! : sharedName(hints));
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
      taken.add(name);
      names.set(value, name);
    }
    return names;
  }

  private simpleCheck(type: TypeModel, value: string, path: string, hint: string): string {
    const issues = 'issues';
    switch (type.kind) {
      case 'string': {
        // An enum nobody confirmed is a list of suggestions: never refuse a value the server may accept
        // (checkSuggested below warns about it).
        if ((type.enum && type.enumConfirmed) || type.const !== undefined) {
          this.use('checkEnum');
          const values = type.const !== undefined ? [type.const] : (type.enum ?? []);
          const list = this.listConstant(
            `${hint}Values`,
            '[',
            values.map((value) => literal(value)),
            '] as const',
          );
          return `checkEnum(${issues}, ${path}, ${value}, ${list})`;
        }
        if (type.format === 'date-time') {
          // One helper for the whole rule, so a malformed time gets one message that names the form.
          this.use('checkDateTime');
          const rules = this.dateTimeRules(type, hint);
          return `checkDateTime(${issues}, ${path}, ${value}${rules ? `, ${rules}` : ''})`;
        }
        const rules = this.stringRules(type, hint);
        this.use('checkString');
        const check = `checkString(${issues}, ${path}, ${value}${rules ? `, ${rules}` : ''})`;
        if (!type.enum) return check;
        // A value outside the suggested list goes out, with a warning (the client logs it once).
        this.use('checkSuggested');
        const list = this.listConstant(
          `${hint}Suggested`,
          '[',
          type.enum.map((v) => literal(v)),
          '] as const',
        );
        return `${check} && checkSuggested(${issues}, ${path}, ${value}, ${list})`;
      }
      case 'integer':
      case 'number': {
        const helper = type.kind === 'integer' ? 'checkInteger' : 'checkNumber';
        this.use(helper);
        const own = pick(type, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);
        const int32 = type.format === 'int32';
        // A plain int32 shares core's INT32 rules; bounds of its own are written out, int32 filling the gaps.
        if (int32 && Object.keys(own).length === 0) this.use('INT32');
        const rules =
          int32 && Object.keys(own).length === 0 ? 'INT32' : objectLiteral({ ...(int32 ? INT32 : {}), ...own });
        return `${helper}(${issues}, ${path}, ${value}${rules ? `, ${rules}` : ''})`;
      }
      case 'boolean':
        this.use('checkBoolean');
        return `checkBoolean(${issues}, ${path}, ${value})`;
      case 'ref':
        return `check${canonicalName(this.model, type.name)}(${issues}, ${path}, ${value})`;
      case 'object':
        this.use('checkObject');
        return `checkObject(${issues}, ${path}, ${value})`;
      default:
        throw new Error(`no simple check for ${type.kind}`);
    }
  }

  /**
   * A time's own pattern only narrows the form (say, no fractions of a second); the message names the
   * form rather than printing the expression, so it says whether fractions are allowed.
   */
  private dateTimeRules(type: Extract<TypeModel, { kind: 'string' }>, hint: string): string | undefined {
    const extra: string[] = [];
    if (type.pattern !== undefined) {
      extra.push(`pattern: ${this.constant(`${hint}Pattern`, `new RegExp(${literal(type.pattern)}, 'u')`)}`);
      const pattern = new RegExp(type.pattern, 'u');
      if (pattern.test('2024-01-02T03:04:05Z') && !pattern.test('2024-01-02T03:04:05.5Z'))
        extra.push('fractions: false');
    }
    return objectLiteral({ ...pick(type, STRING_BOUNDS) }, extra);
  }

  private stringRules(type: Extract<TypeModel, { kind: 'string' }>, hint: string): string | undefined {
    const pattern =
      type.pattern === undefined
        ? undefined
        : this.constant(`${hint}Pattern`, `new RegExp(${literal(type.pattern)}, 'u')`);
    return objectLiteral({ ...pick(type, STRING_BOUNDS) }, pattern ? [`pattern: ${pattern}`] : []);
  }

  /** Arrays and maps need a block: they name the container and walk its items. */
  private writeTypeCheck(
    writer: CodeBlockWriter,
    type: TypeModel,
    value: string,
    path: string,
    depth: number,
    hint: string,
  ): void {
    if (!needsBlock(type)) {
      if (hasCheck(type)) writer.writeLine(`${this.simpleCheck(type, value, path, hint)};`);
      return;
    }
    const suffix = depth === 0 ? '' : String(depth + 1);
    const itemPath = `\`\${${`itemsPath${suffix}`}}[\${index${suffix}}]\``;
    if (type.kind === 'array') {
      this.use('checkArray');
      const rules = objectLiteral({
        ...pick(type, ['minItems', 'maxItems']),
        ...(type.uniqueItems ? { uniqueItems: true } : {}),
      });
      writer.writeLine(`const itemsPath${suffix} = ${path};`);
      writer.writeLine(`const items${suffix} = ${value};`);
      writer
        .write(`if (checkArray(issues, itemsPath${suffix}, items${suffix}${rules ? `, ${rules}` : ''}))`)
        .block(() => {
          if (!hasCheck(type.items)) return;
          writer.write(`for (const [index${suffix}, item${suffix}] of items${suffix}.entries())`).block(() => {
            this.writeTypeCheck(writer, type.items, `item${suffix}`, itemPath, depth + 1, hint);
          });
        });
      return;
    }
    if (type.kind === 'map') {
      this.use('checkObject');
      writer.writeLine(`const entriesPath${suffix} = ${path};`);
      writer.writeLine(`const entries${suffix} = ${value};`);
      writer.write(`if (checkObject(issues, entriesPath${suffix}, entries${suffix}))`).block(() => {
        if (!hasCheck(type.values)) return;
        writer.write(`for (const [key${suffix}, entry${suffix}] of Object.entries(entries${suffix}))`).block(() => {
          this.writeTypeCheck(
            writer,
            type.values,
            `entry${suffix}`,
            `memberPath(entriesPath${suffix}, key${suffix})`,
            depth + 1,
            hint,
          );
        });
      });
    }
  }
}

/** Reads an own member of the checked object (`value`) through core's `own`. */
function ownAccess(name: string): string {
  return `own(value, ${literal(name)})`;
}

function needsBlock(type: TypeModel): boolean {
  return type.kind === 'array' || type.kind === 'map';
}

function hasCheck(type: TypeModel): boolean {
  return type.kind !== 'unknown';
}

function pick<T extends object>(source: T, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

function objectLiteral(values: Record<string, unknown>, extra: readonly string[] = []): string | undefined {
  const parts = [...Object.entries(values).map(([k, v]) => `${k}: ${JSON.stringify(v)}`), ...extra];
  return parts.length === 0 ? undefined : `{ ${parts.join(', ')} }`;
}

/** The words at the end of every hint (`StartTimePattern`, `EndTimePattern` -> `TimePattern`), or the hints joined with Or. */
function sharedName(hints: readonly string[]): string {
  const split = hints.map((hint) => hint.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [hint]);
  const shared: string[] = [];
  for (let i = 1; ; i++) {
    const word = split[0]![split[0]!.length - i];
    if (word === undefined || split.some((words) => words[words.length - i] !== word)) break;
    shared.unshift(word);
  }
  const kind = shared[shared.length - 1];
  // Only the kind (`Values`) in common: name the members instead.
  if (shared.length > 1) return shared.join('');
  return split.map((words) => words.slice(0, words.length - (kind ? 1 : 0)).join('')).join('Or') + (kind ?? '');
}
