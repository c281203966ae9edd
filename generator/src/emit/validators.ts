import type { CodeBlockWriter } from 'ts-morph';
import { constantName } from '../model/names.js';
import type { ServiceModel, ShapeModel, TypeModel } from '../model/types.js';
import { describeCondition } from './docs.js';
import { reachableShapes } from './types.js';
import { literal } from './writer.js';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/**
 * Emits plain-JavaScript validators for one action's input: a `check<Shape>` function per reachable
 * shape and module-level constants for enums and patterns. It records which @volc-ts/core helpers
 * the code calls, so the operation file imports exactly those.
 */
export class ValidatorEmitter {
  readonly helpers = new Set<string>();
  private readonly constants = new Map<string, string>();
  private readonly constantValues = new Map<string, string>();

  constructor(private readonly model: ServiceModel) {}

  /** Shapes the input reaches, the input first, each once. */
  reachable(root: string): ShapeModel[] {
    return [...reachableShapes(this.model, [root])].flatMap((name) => this.model.shapes.get(name) ?? []);
  }

  /** Writes `function checkX(issues, path, value)` for each shape; returns the constants to declare first. */
  writeChecks(writer: CodeBlockWriter, shapes: readonly ShapeModel[]): void {
    for (const shape of shapes) {
      writer.blankLine();
      writer.write(`function check${shape.name}(issues: ValidationIssue[], path: string, value: unknown): void`).block(() => {
        this.use('checkObject');
        writer.writeLine('if (!checkObject(issues, path, value)) return;');
        if (shape.required.length > 0) {
          this.use('checkRequired');
          writer.writeLine(`checkRequired(issues, path, value, [${shape.required.map(literal).join(', ')}]);`);
        }
        for (const property of shape.properties) {
          const access = `value.${property.name}`;
          const pathExpr = `memberPath(path, ${literal(property.name)})`;
          if (hasCheck(property.type)) this.use('memberPath');
          if (needsBlock(property.type)) {
            writer.write(`if (${access} !== undefined)`).block(() => this.writeTypeCheck(writer, property.type, access, pathExpr, 0, `${property.name}`));
          } else if (hasCheck(property.type)) {
            writer.writeLine(`if (${access} !== undefined) ${this.simpleCheck(property.type, access, pathExpr, property.name)};`);
          }
        }
        for (const { property, needs } of shape.dependentRequired) {
          this.use('checkDependentRequired');
          writer.writeLine(`checkDependentRequired(issues, path, value, ${literal(property)}, [${needs.map(literal).join(', ')}]);`);
        }
        for (const conditional of shape.conditionals) {
          this.use('checkRequired');
          const test = conditional.conditions
            .map(({ property, values, mustBeSet }) => {
              const access = `value.${property}`;
              const match = values ? values.map((v) => `${access} === ${typeof v === 'string' ? literal(v) : String(v)}`) : [];
              if (!values) return `${access} !== undefined`;
              const parts = mustBeSet ? match : [`${access} === undefined`, ...match];
              return parts.length > 1 && conditional.conditions.length > 1 ? `(${parts.join(' || ')})` : parts.join(' || ');
            })
            .join(' && ');
          const reason = literal(describeCondition(conditional, false));
          writer.writeLine(`if (${test || 'true'}) checkRequired(issues, path, value, [${conditional.thenRequired.map(literal).join(', ')}], ${reason});`);
        }
        for (const property of shape.properties) {
          if (!property.greaterThan) continue;
          this.use('checkGreaterThan');
          writer.writeLine(`checkGreaterThan(issues, path, value, ${literal(property.name)}, ${literal(property.greaterThan)});`);
        }
      });
    }
  }

  /** Module-level constants (enum lists, patterns) used by the checks, in first-use order. */
  writeConstants(writer: CodeBlockWriter): void {
    for (const [name, value] of this.constants) writer.writeLine(`const ${name} = ${value};`);
  }

  private use(helper: string): void {
    this.helpers.add(helper);
  }

  /** Names a constant after the member it serves; identical values share one constant. */
  private constant(hint: string, value: string): string {
    const existing = this.constantValues.get(value);
    if (existing) return existing;
    const base = constantName(hint);
    let name = base;
    for (let n = 2; this.constants.has(name); n++) name = `${base}_${n}`;
    this.constants.set(name, value);
    this.constantValues.set(value, name);
    return name;
  }

  private simpleCheck(type: TypeModel, value: string, path: string, hint: string): string {
    const issues = 'issues';
    switch (type.kind) {
      case 'string': {
        // An enum nobody confirmed is a list of suggestions: never refuse a value the server may accept.
        if ((type.enum && type.enumConfirmed) || type.const !== undefined) {
          this.use('checkEnum');
          const values = type.const !== undefined ? [type.const] : (type.enum ?? []);
          const list = this.constant(`${hint}Values`, `[${values.map(literal).join(', ')}] as const`);
          return `checkEnum(${issues}, ${path}, ${value}, ${list})`;
        }
        const rules = this.stringRules(type, hint);
        if (type.format === 'date-time') {
          this.use('checkDateTime');
          if (!rules) return `checkDateTime(${issues}, ${path}, ${value})`;
          this.use('checkString');
          return `checkDateTime(${issues}, ${path}, ${value}) && checkString(${issues}, ${path}, ${value}, ${rules})`;
        }
        this.use('checkString');
        return `checkString(${issues}, ${path}, ${value}${rules ? `, ${rules}` : ''})`;
      }
      case 'integer':
      case 'number': {
        const helper = type.kind === 'integer' ? 'checkInteger' : 'checkNumber';
        this.use(helper);
        const own = pick(type, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);
        const int32 = type.format === 'int32';
        // A plain int32 shares core's INT32 rules; bounds of its own are written out, int32 filling the gaps.
        if (int32 && Object.keys(own).length === 0) this.use('INT32');
        const rules = int32 && Object.keys(own).length === 0 ? 'INT32' : objectLiteral({ ...(int32 ? INT32 : {}), ...own });
        return `${helper}(${issues}, ${path}, ${value}${rules ? `, ${rules}` : ''})`;
      }
      case 'boolean':
        this.use('checkBoolean');
        return `checkBoolean(${issues}, ${path}, ${value})`;
      case 'ref':
        return `check${type.name}(${issues}, ${path}, ${value})`;
      case 'object':
        this.use('checkObject');
        return `checkObject(${issues}, ${path}, ${value})`;
      default:
        throw new Error(`no simple check for ${type.kind}`);
    }
  }

  private stringRules(type: Extract<TypeModel, { kind: 'string' }>, hint: string): string | undefined {
    const pattern = type.pattern === undefined ? undefined : this.constant(`${hint}Pattern`, `new RegExp(${literal(type.pattern)}, 'u')`);
    return objectLiteral({ ...pick(type, ['minLength', 'maxLength']) }, pattern ? [`pattern: ${pattern}`] : []);
  }

  /** Arrays and maps need a block: they name the container and walk its items. */
  private writeTypeCheck(writer: CodeBlockWriter, type: TypeModel, value: string, path: string, depth: number, hint: string): void {
    if (!needsBlock(type)) {
      if (hasCheck(type)) writer.writeLine(`${this.simpleCheck(type, value, path, hint)};`);
      return;
    }
    const suffix = depth === 0 ? '' : String(depth + 1);
    const itemPath = `\`\${${'itemsPath' + suffix}}[\${index${suffix}}]\``;
    if (type.kind === 'array') {
      this.use('checkArray');
      const rules = objectLiteral({ ...pick(type, ['minItems', 'maxItems']), ...(type.uniqueItems ? { uniqueItems: true } : {}) });
      writer.writeLine(`const itemsPath${suffix} = ${path};`);
      writer.writeLine(`const items${suffix} = ${value};`);
      writer.write(`if (checkArray(issues, itemsPath${suffix}, items${suffix}${rules ? `, ${rules}` : ''}))`).block(() => {
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
          this.writeTypeCheck(writer, type.values, `entry${suffix}`, `memberPath(entriesPath${suffix}, key${suffix})`, depth + 1, hint);
        });
      });
    }
  }
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
