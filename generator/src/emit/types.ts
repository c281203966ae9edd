import type { ServiceModel, ShapeModel, TypeModel } from '../model/types.js';
import { constraintTags, paragraphs, propertyRules, shapeRules } from './docs.js';
import { canonicalName } from './dedup.js';
import { objectType, splitRules, type ShapeRules } from './rules.js';
import { literal, renderTs, wrapList, writeDoc, type WriterFunction } from './writer.js';

/**
 * Shapes reachable from some action's input. Their confirmed enums (`x-volc-enum-confirmed`) are
 * closed and checked by the client; every other enum stays open, on requests because nobody checked
 * that the list is complete, and in responses because the service may be newer than the SDK.
 */
export function inputShapes(model: ServiceModel): Set<string> {
  return reachableShapes(model, model.actions.map((a) => a.input));
}

/** Shapes some action's input or Result reaches; schemas used nowhere else (say, ResponseMetadata) are left out. */
export function usedShapes(model: ServiceModel): Set<string> {
  return reachableShapes(model, model.actions.flatMap((a) => [a.input, a.output]));
}

/** Every shape reachable from the roots through references, the roots included. */
export function reachableShapes(model: ServiceModel, roots: readonly (string | undefined)[]): Set<string> {
  const reached = new Set<string>();
  const visit = (name: string | undefined) => {
    if (!name || reached.has(name)) return;
    reached.add(name);
    const shape = model.shapes.get(name);
    if (!shape) return;
    for (const property of shape.properties) refsOf(property.type).forEach(visit);
    if (shape.additional) refsOf(shape.additional).forEach(visit);
  };
  roots.forEach(visit);
  return reached;
}

export function refsOf(type: TypeModel): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.name];
    case 'array':
      return refsOf(type.items);
    case 'map':
      return refsOf(type.values);
    default:
      return [];
  }
}

/**
 * The TypeScript type of a model type. `open` (responses) lets every string enum accept values the
 * SDK does not know; on requests (`open` false) only confirmed enums are closed.
 */
export function tsType(type: TypeModel, open: boolean): string {
  switch (type.kind) {
    case 'string':
      if (type.const !== undefined) return literal(type.const);
      if (type.enum) return [...type.enum.map(literal), ...(open || !type.enumConfirmed ? ['(string & {})'] : [])].join(' | ');
      return 'string';
    case 'integer':
      // An int64 beyond 2^53 cannot be a number exactly: the runtime reads it as a bigint and sends bigints as written.
      return type.format === 'int64' ? 'number | bigint' : 'number';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = tsType(type.items, open);
      return /[| ]/.test(item) ? `Array<${item}>` : `${item}[]`;
    }
    case 'map':
      return `Record<string, ${tsType(type.values, open)}>`;
    case 'ref':
      return type.name;
    case 'object':
      return 'Record<string, unknown>';
    case 'unknown':
      return 'unknown';
  }
}

/** `src/types.ts`: one declaration per shape, in name order, each member documented from the spec. */
export function emitTypes(model: ServiceModel, header: string): string {
  const closed = inputShapes(model);
  const used = usedShapes(model);
  return renderTs(header, (writer) => {
    for (const shape of model.shapes.values()) {
      if (!used.has(shape.name)) continue;
      writer.blankLine();
      const twin = canonicalName(model, shape.name);
      if (twin !== shape.name) writeAlias(shape, twin)(writer);
      else writeShape(shape, closed.has(shape.name))(writer);
    }
  });
}

/** A shape identical to another one: the name stays, the declaration is shared. */
function writeAlias(shape: ShapeModel, twin: string): WriterFunction {
  return (writer) => {
    const description = paragraphs(shape.description ?? shape.summary);
    writeDoc(writer, [...description, '', `Same shape as {@link ${twin}}.`, ...(shape.deprecated ? ['', '@deprecated'] : [])]);
    writer.writeLine(`export type ${shape.name} = ${twin};`);
  };
}

/** The name of the interface that holds the members of a shape whose rules are part of its type. */
export function membersName(shape: ShapeModel): string {
  return `${shape.name}Members`;
}

/**
 * An input shape whose cross-member rules TypeScript can express becomes an interface of its members
 * and a type that adds the rules as unions; any other shape is one interface.
 */
function writeShape(shape: ShapeModel, input: boolean): WriterFunction {
  return (writer) => {
    const rules = input ? splitRules(shape) : { typed: [], runtime: [] };
    const description = paragraphs(shape.description ?? shape.summary);
    const deprecated = shape.deprecated ? ['', '@deprecated'] : [];
    if (rules.typed.length === 0) {
      const lines = input ? ruleDocLines(rules) : outputRuleLines(shape);
      writeDoc(writer, [...description, ...lines, ...deprecated]);
      writeInterface(shape, shape.name, !input)(writer);
      return;
    }
    const members = membersName(shape);
    writeDoc(writer, [
      `The members of {@link ${shape.name}}, without the rules that tie them together. To build an input step by step,`,
      `type it with this interface and pass it as \`${shape.name}\`: the validator still checks every rule before sending.`,
    ]);
    writeInterface(shape, members, false)(writer);
    writer.blankLine();
    writeDoc(writer, [...description, ...ruleDocLines(rules), ...deprecated]);
    writer.write(`export type ${shape.name} = ${members} &`).newLine();
    writer.indent(() => {
      rules.typed.forEach((rule, index) => {
        const end = index === rules.typed.length - 1 ? ';' : ' &';
        const alternatives = rule.alternatives.map(objectType);
        const oneLine = alternatives.length === 1 ? `${alternatives[0]}${end}` : `(${alternatives.join(' | ')})${end}`;
        if (oneLine.length <= 100) writer.writeLine(oneLine);
        else {
          writer.writeLine('(');
          writer.indent(() => alternatives.forEach((a) => writer.writeLine(`| ${a}`)));
          writer.writeLine(`)${end}`);
        }
      });
    });
  };
}

/** TSDoc lines saying which rules the type enforces and which only the validator checks. */
export function ruleDocLines(rules: ShapeRules): string[] {
  return [
    ...(rules.typed.length > 0 ? ['', 'Rules the compiler checks (this type accepts only inputs that keep them):', ...rules.typed.map((r) => `- ${r.text}.`)] : []),
    ...(rules.runtime.length > 0 ? ['', 'Rules checked at run time, before the request is sent:', ...rules.runtime.map((r) => `- ${r}.`)] : []),
  ];
}

function outputRuleLines(shape: ShapeModel): string[] {
  const rules = shapeRules(shape);
  return rules.length > 0 ? ['', 'Rules checked before the request is sent:', ...rules] : [];
}

function writeInterface(shape: ShapeModel, name: string, open: boolean): WriterFunction {
  return (writer) => {
    writer.write(`export interface ${name}`).block(() => {
      for (const property of shape.properties) {
        const lines = [
          ...paragraphs(property.description ?? property.summary),
          ...propertyRules(shape, property),
          ...constraintTags(property.type),
          ...(property.default !== undefined ? [`@default ${JSON.stringify(property.default)}`] : []),
          ...(property.example !== undefined ? [`@example ${JSON.stringify(property.example)}`] : []),
          ...(property.deprecated ? ['@deprecated'] : []),
        ];
        writeDoc(writer, lines);
        const optional = shape.required.includes(property.name) ? '' : '?';
        const type = property.type;
        const enumValues = type.kind === 'string' && type.enum && type.const === undefined ? tsType(type, open).split(' | ') : [tsType(type, open)];
        writer.writeLine(wrapList(`${property.name}${optional}: `, enumValues, ' | ', ';', writer.getIndentationLevel()));
      }
      if (shape.additional) writer.writeLine(`[key: string]: ${shape.properties.length > 0 ? 'unknown' : tsType(shape.additional, open)};`);
    });
  };
}
