import type { ConditionalModel, PropertyModel, ShapeModel, TypeModel } from '@volc-ts/spec';

/** Splits a description into lines, keeping its paragraphs. */
export function paragraphs(text: string | undefined): string[] {
  if (!text) return [];
  return text.split('\n').map((line) => line.trimEnd());
}

/** "`Scope` is `OneInstance` or not set" — with `code` marks for docs, plain for messages. */
export function describeCondition(conditional: ConditionalModel, code: boolean): string {
  const mark = (text: string) => (code ? `\`${text}\`` : text);
  return conditional.conditions
    .map(({ property, values, mustBeSet }) => {
      const orUnset = mustBeSet ? '' : ' or not set';
      if (!values) return `${mark(property)} is set`;
      const shown = values.map((v) => mark(String(v)));
      return values.length === 1
        ? `${mark(property)} is ${shown[0]}${orUnset}`
        : `${mark(property)} is one of ${shown.join(', ')}${orUnset}`;
    })
    .join(' and ');
}

/** Sentences naming every rule that involves the property beyond its own type. */
export function propertyRules(shape: ShapeModel, property: PropertyModel): string[] {
  const rules: string[] = [];
  const name = property.name;
  for (const { property: trigger, needs } of shape.dependentRequired) {
    if (needs.includes(name)) rules.push(`Required when \`${trigger}\` is set.`);
    if (trigger === name) rules.push(`When set, ${needs.map((n) => `\`${n}\``).join(' and ')} must be set too.`);
  }
  for (const conditional of shape.conditionals) {
    if (conditional.thenRequired.includes(name)) rules.push(`Required when ${describeCondition(conditional, true)}.`);
  }
  if (property.greaterThan)
    rules.push(`Must be ${isTime(property.type) ? 'later' : 'greater'} than \`${property.greaterThan}\`.`);
  for (const other of shape.properties) {
    if (other.greaterThan === name)
      rules.push(`Must be ${isTime(property.type) ? 'earlier' : 'less'} than \`${other.name}\`.`);
  }
  return rules;
}

/** Sentences for the rules of a whole shape, for the interface's TSDoc. */
export function shapeRules(shape: ShapeModel): string[] {
  const rules: string[] = [];
  for (const { property, needs } of shape.dependentRequired)
    rules.push(`- \`${property}\` requires ${needs.map((n) => `\`${n}\``).join(' and ')}.`);
  for (const conditional of shape.conditionals) {
    rules.push(
      `- ${conditional.thenRequired.map((n) => `\`${n}\``).join(' and ')} ${conditional.thenRequired.length > 1 ? 'are' : 'is'} required when ${describeCondition(conditional, true)}.`,
    );
  }
  for (const property of shape.properties) {
    if (property.greaterThan)
      rules.push(
        `- \`${property.name}\` must be ${isTime(property.type) ? 'later' : 'greater'} than \`${property.greaterThan}\`.`,
      );
  }
  return rules;
}

export function isTime(type: TypeModel): boolean {
  return type.kind === 'string' && type.format === 'date-time';
}
