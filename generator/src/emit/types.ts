import { inputShapes, membersName, usedShapes, type ServiceModel, type ShapeModel } from '@volc-ts/spec';
import { canonicalName } from './shared/dedup.js';
import { paragraphs, propertyRules, shapeRules } from './shared/docs.js';
import { memberFactLines, wrap } from './shared/facts.js';
import { RULE_HELPERS, ruleCases, type RuleHelper } from './shared/rule-types.js';
import { objectType, ruleDocLines, splitRules } from './shared/rules.js';
import { literal, propertyKey } from './shared/literal.js';
import { memberTypes, tsType, widenedByObject } from './shared/ts-type.js';
import { renderTs, wrapList, writeDoc, type WriterFunction } from './shared/writer.js';

/** `src/types.ts`: one declaration per shape, in name order, each member documented from the spec. */
export function emitTypes(model: ServiceModel, header: string): string {
  const closed = inputShapes(model);
  const used = usedShapes(model);
  const helpers = new Set<RuleHelper>();
  const requests = new Set(model.actions.flatMap((action) => (action.input ? [action.input] : [])));
  // A twin that is emitted as an interface (not as the union of rule cases) can be extended.
  const isInterface = (name: string): boolean => {
    const shape = model.shapes.get(name);
    return shape !== undefined && !(closed.has(name) && splitRules(shape).typed.length > 0);
  };
  return renderTs(header, (writer) => {
    for (const shape of model.shapes.values()) {
      if (!used.has(shape.name)) continue;
      writer.blankLine();
      const twin = canonicalName(model, shape.name);
      if (twin === shape.name) writeShape(shape, closed.has(shape.name), helpers)(writer);
      else if (requests.has(shape.name) && isInterface(twin)) writeNamedTwin(shape, twin)(writer);
      else writeAlias(shape, twin)(writer);
    }
    for (const [name, lines] of Object.entries(RULE_HELPERS)) {
      if (!helpers.has(name as RuleHelper)) continue;
      writer.blankLine();
      for (const line of lines) writer.writeLine(line);
    }
  });
}

/** A shape identical to another one: the name stays, the declaration is shared. */
function writeAlias(shape: ShapeModel, twin: string): WriterFunction {
  return (writer) => {
    const description = paragraphs(shape.description ?? shape.summary);
    // The declaration (`type A = B`) says which shape it shares; the doc adds only the description.
    writeDoc(writer, [...description, ...(shape.deprecated ? ['', '@deprecated'] : [])]);
    writer.writeLine(`export type ${shape.name} = ${twin};`);
  };
}

/**
 * An action's request identical to another shape: an interface of its own that adds nothing, so the
 * compiler's messages for a wrong call name this action's request, not the first action that had the shape.
 */
function writeNamedTwin(shape: ShapeModel, twin: string): WriterFunction {
  return (writer) => {
    const description = paragraphs(shape.description ?? shape.summary);
    writeDoc(writer, [...description, ...(shape.deprecated ? ['', '@deprecated'] : [])]);
    writer.writeLine(`export interface ${shape.name} extends ${twin} {}`);
  };
}

/**
 * An input shape whose cross-member rules TypeScript can express becomes an interface of its members,
 * one interface per case of the rules (rule-types.ts) and the union of the cases; any other shape is one
 * interface.
 */
function writeShape(shape: ShapeModel, input: boolean, helpers: Set<RuleHelper>): WriterFunction {
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
    const members = membersName(shape.name);
    writeDoc(writer, [
      `The members of \`${shape.name}\`, without the rules that tie them together. To build an input step by step,`,
      `type it with this interface and pass it as \`${shape.name}\`: the validator still checks every rule before sending.`,
    ]);
    writeInterface(shape, members, false)(writer);
    writer.blankLine();
    const cases = ruleCases(shape, members, rules.typed);
    if (cases) {
      for (const helper of cases.helpers) helpers.add(helper);
      for (const c of cases.cases) {
        writeDoc(writer, wrap(`One case of \`${shape.name}\`: ${c.text.join('; ')}.`));
        writer.writeLine(wrapList(`export interface ${c.name} extends `, c.bases, ', ', ' {}', 0, false));
        writer.blankLine();
      }
      if (cases.notAnArray) {
        const first = cases.cases[0]!.name;
        writeDoc(
          writer,
          wrap(
            `No value fits this member of \`${shape.name}\`, an array with a key no value has. It makes the compiler explain an input that fits no case against \`${first}\`, the case where every rule takes its default.`,
          ),
        );
        const head = `export interface ${cases.notAnArray} extends `;
        writer.writeLine(wrapList(head, ['ReadonlyArray<never>', first], ', ', ' {', 0, false));
        writer.indent(() => {
          writeDoc(writer, ['The key no value has: it keeps arrays out.']);
          writer.writeLine('readonly [notAnArray]: never;');
        });
        writer.writeLine('}');
        writer.blankLine();
      }
    }
    writeDoc(writer, [...description, ...ruleDocLines(rules), ...deprecated]);
    if (cases) {
      const names = [...cases.cases.map((c) => c.name), ...(cases.notAnArray ? [cases.notAnArray] : [])];
      const line = `export type ${shape.name} = ${names.join(' | ')};`;
      if (line.length <= 120) writer.writeLine(line);
      else {
        writer.writeLine(`export type ${shape.name} =`);
        writer.indent(() => {
          for (const [i, n] of names.entries()) writer.writeLine(`| ${n}${i === names.length - 1 ? ';' : ''}`);
        });
      }
      return;
    }
    writer.write(`export type ${shape.name} = ${members} &`).newLine();
    writer.indent(() => {
      rules.typed.forEach((rule, index) => {
        const end = index === rules.typed.length - 1 ? ';' : ' &';
        const alternatives = rule.alternatives.map(objectType);
        const oneLine = alternatives.length === 1 ? `${alternatives[0]}${end}` : `(${alternatives.join(' | ')})${end}`;
        if (oneLine.length <= 100) writer.writeLine(oneLine);
        else {
          writer.writeLine('(');
          writer.indent(() => {
            for (const a of alternatives) writer.writeLine(`| ${a}`);
          });
          writer.writeLine(`)${end}`);
        }
      });
    });
  };
}

function outputRuleLines(shape: ShapeModel): string[] {
  const rules = shapeRules(shape);
  return rules.length > 0 ? ['', 'Rules checked before the request is sent:', ...rules] : [];
}

function writeInterface(shape: ShapeModel, name: string, open: boolean): WriterFunction {
  return (writer) => {
    writer.write(`export interface ${name}`).block(() => {
      for (const property of shape.properties) {
        const optional = !shape.required.includes(property.name);
        const docLines = (terse: boolean) => [
          ...paragraphs(property.description ?? property.summary),
          ...((property.description ?? property.summary) ? [''] : []),
          ...memberFactLines(shape, property, !open, terse),
          ...propertyRules(shape, property),
          ...(widenedByObject(property.name, optional) ? objectMemberNote(property.name) : []),
          ...(property.default !== undefined ? [`@default ${JSON.stringify(property.default)}`] : []),
          ...(property.example !== undefined ? [`@example ${JSON.stringify(property.example)}`] : []),
          ...(property.deprecated ? ['@deprecated'] : []),
        ];
        // A member whose doc would hold only tags keeps the sentences that repeat its declaration.
        const terse = docLines(true);
        const text = terse.some((line) => line.trim() !== '' && !line.startsWith('@'));
        writeDoc(writer, text ? terse : docLines(false));
        const type = property.type;
        const enumValues =
          type.kind === 'string' && type.enum && type.const === undefined
            ? tsType(type, open).split(' | ')
            : [tsType(type, open)];
        // `| undefined` on optional members: under `exactOptionalPropertyTypes` a member set to `undefined` is
        // accepted (the serializers leave it out, as they do a missing one).
        const items = optional ? [...enumValues, 'undefined'] : enumValues;
        writer.writeLine(
          wrapList(
            `${propertyKey(property.name)}${optional ? '?' : ''}: `,
            memberTypes(property.name, optional, items),
            ' | ',
            ';',
            writer.getIndentationLevel(),
          ),
        );
      }
      if (shape.additional)
        writer.writeLine(`[key: string]: ${shape.properties.length > 0 ? 'unknown' : tsType(shape.additional, open)};`);
    });
  };
}

/** Why an optional member named like a member of `Object` has that member's type too. */
function objectMemberNote(name: string): string[] {
  return [
    '',
    `Also typed \`Object[${literal(name)}]\`: when an object leaves \`${name}\` out, TypeScript reads it from`,
    'Object.prototype, and that type lets such an object fit. Only a member the object sets itself is sent and checked.',
  ];
}
