/**
 * JSON Schema to model types: schemas under `components.schemas` and inline objects become named
 * shapes; everything else becomes a type in place. Keywords without a faithful TypeScript and
 * validator mapping are reported, never dropped silently.
 */
import type { JsonPath } from '../read.js';
import { docs, isObject, type BuildContext, type Json } from './context.js';
import { byteBounds, crosscheckNotes, enumConfirmed, greaterThan, ruleSources, sources } from './extensions.js';
import type { ConditionalModel, PropertyModel, ShapeModel, TypeModel } from './types.js';

export const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** C0 and C1 control characters, and the two Unicode line terminators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;
/** JSON Schema keywords that have no faithful TypeScript and validator mapping here yet. */
const UNSUPPORTED_KEYWORDS = [
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'patternProperties',
  'prefixItems',
  '$dynamicRef',
  'contains',
];

/** Makes a shape of every object schema under `components.schemas`, in name order. */
export function componentShapes(ctx: BuildContext): void {
  for (const schemaName of Object.keys(ctx.schemas).sort()) {
    if (!IDENTIFIER.test(schemaName)) {
      ctx.error(
        ['components', 'schemas', schemaName],
        'invalid-identifier',
        `schema name "${schemaName}" is not a valid TypeScript identifier`,
        'use letters, digits and _ only, not starting with a digit',
        true,
      );
      continue;
    }
    const schema = ctx.schemas[schemaName];
    if (isObject(schema) && isObjectSchema(schema))
      shapeFromSchema(ctx, schemaName, schema, ['components', 'schemas', schemaName]);
  }
}

/** Converts a schema to a type; inline objects with properties become named shapes (`hoistName`). */
export function typeOf(ctx: BuildContext, schema: unknown, path: JsonPath, hoistName: string): TypeModel {
  if (!isObject(schema)) {
    if (schema === true || schema === undefined) return { kind: 'unknown' };
    ctx.error(path, 'unmappable-type', 'a schema must be a mapping');
    return { kind: 'unknown' };
  }
  // Byte bounds are read with the rest of a string schema (stringType); anywhere else they are a mistake.
  if (!isStringSchema(schema)) byteBounds(ctx, schema, path, false);
  if (typeof schema.$ref === 'string') return resolveRef(ctx, schema.$ref, [...path, '$ref']);
  for (const keyword of UNSUPPORTED_KEYWORDS) {
    if (schema[keyword] !== undefined && !(keyword === 'allOf' && isConditionList(schema.allOf))) {
      ctx.error(
        [...path, keyword],
        'unsupported-schema',
        `the keyword "${keyword}" cannot be mapped to a TypeScript type and validator yet`,
        'describe the value with type, properties, enum and the other keywords listed in spec/README.md',
        true,
      );
      return { kind: 'unknown' };
    }
  }
  const type: unknown = schema.type;
  if (type === undefined) {
    if (isObjectSchema(schema)) return objectType(ctx, schema, path, hoistName);
    if (Array.isArray(schema.enum)) return stringType(ctx, { ...schema, type: 'string' }, path);
    return { kind: 'unknown' };
  }
  switch (type) {
    case 'string':
      return stringType(ctx, schema, path);
    case 'integer':
    case 'number':
      return numberType(type as 'integer' | 'number', schema);
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return {
        kind: 'array',
        items: typeOf(ctx, schema.items, [...path, 'items'], `${hoistName}Item`),
        ...pickNumbers(schema, ['minItems', 'maxItems']),
        ...(schema.uniqueItems === true ? { uniqueItems: true } : {}),
      };
    case 'object':
      return objectType(ctx, schema, path, hoistName);
    default:
      ctx.error(
        [...path, 'type'],
        'unmappable-type',
        `type ${JSON.stringify(type)} cannot be mapped to TypeScript`,
        'use one of string, integer, number, boolean, array, object',
      );
      return { kind: 'unknown' };
  }
}

function stringType(ctx: BuildContext, schema: Json, path: JsonPath): TypeModel {
  const values = schema.enum;
  if (values !== undefined) {
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
      ctx.error([...path, 'enum'], 'invalid-enum', 'enum must be a non-empty list of strings');
    } else {
      const seen = new Set<string>();
      values.forEach((v, index) => {
        if (seen.has(v))
          ctx.error(
            [...path, 'enum', index],
            'duplicate-enum',
            `enum value "${v}" is listed twice`,
            'remove the repeated value',
          );
        seen.add(v);
      });
    }
  }
  const confirmed = enumConfirmed(ctx, schema, path);
  return {
    kind: 'string',
    ...(Array.isArray(values) && values.every((v) => typeof v === 'string')
      ? { enum: [...new Set(values as string[])] }
      : {}),
    ...(confirmed ? { enumConfirmed: true } : {}),
    ...(typeof schema.const === 'string' ? { const: schema.const } : {}),
    ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
    ...(typeof schema.pattern === 'string' ? { pattern: checkPattern(ctx, schema.pattern, [...path, 'pattern']) } : {}),
    ...pickNumbers(schema, ['minLength', 'maxLength']),
    ...byteBounds(ctx, schema, path, true),
  };
}

/** A schema that {@link typeOf} reads as a string: `type: string`, or an `enum` without a type. */
function isStringSchema(schema: Json): boolean {
  if (schema.$ref !== undefined) return false;
  return schema.type === 'string' || (schema.type === undefined && Array.isArray(schema.enum));
}

function checkPattern(ctx: BuildContext, pattern: string, path: JsonPath): string {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    ctx.error(path, 'invalid-pattern', `pattern is not a valid regular expression: ${(error as Error).message}`);
  }
  return pattern;
}

function objectType(ctx: BuildContext, schema: Json, path: JsonPath, hoistName: string): TypeModel {
  if (isObject(schema.properties)) {
    if (hoistName in ctx.schemas || ctx.shapes.has(hoistName)) {
      ctx.error(
        path,
        'name-collision',
        `this inline object would be named ${hoistName}, which is already a schema`,
        `move it to components.schemas under another name and $ref it`,
      );
      return { kind: 'unknown' };
    }
    shapeFromSchema(ctx, hoistName, schema, path);
    return { kind: 'ref', name: hoistName };
  }
  if (isObject(schema.additionalProperties)) {
    return {
      kind: 'map',
      values: typeOf(ctx, schema.additionalProperties, [...path, 'additionalProperties'], `${hoistName}Value`),
    };
  }
  return { kind: 'object' };
}

function resolveRef(ctx: BuildContext, ref: string, path: JsonPath): TypeModel {
  const match = SCHEMA_REF.exec(ref);
  const name = match?.[1];
  if (name === undefined || !(name in ctx.schemas)) {
    ctx.error(
      path,
      'unknown-ref',
      `$ref "${ref}" does not point at a schema in components.schemas`,
      name ? `define components.schemas.${name} or fix the name` : 'local refs look like #/components/schemas/<Name>',
    );
    return { kind: 'unknown' };
  }
  const target = ctx.schemas[name];
  if (isObject(target) && isObjectSchema(target)) return { kind: 'ref', name };
  // A non-object schema (say, a shared enum) is used inline where it is referenced.
  if (ctx.converting.has(name)) {
    ctx.error(path, 'circular-ref', `$ref "${ref}" refers to itself through non-object schemas`);
    return { kind: 'unknown' };
  }
  ctx.converting.add(name);
  const type = typeOf(ctx, target, ['components', 'schemas', name], name);
  ctx.converting.delete(name);
  return type;
}

function shapeFromSchema(ctx: BuildContext, name: string, schema: Json, path: JsonPath): void {
  if (ctx.shapes.has(name)) return;
  // Reserve the name first, so self-references and cycles terminate.
  const properties: PropertyModel[] = [];
  const shape: ShapeModel = {
    name,
    ...docs(schema),
    properties,
    required: [],
    dependentRequired: [],
    conditionals: [],
    path,
  };
  ctx.shapes.set(name, shape);

  const props = isObject(schema.properties) ? schema.properties : {};
  for (const [propName, propSchema] of Object.entries(props)) {
    const propPath = [...path, 'properties', propName];
    // A member's name is its wire name, whatever characters it holds (TypeScript quotes it where needed);
    // only a name no code can write on one line is refused.
    if (propName === '' || CONTROL.test(propName)) {
      ctx.error(
        propPath,
        'invalid-property-name',
        `property name ${JSON.stringify(propName)} is ${propName === '' ? 'empty' : 'not printable (it holds a control character)'}`,
        'a property is named exactly as the server reads it; fix the name to that wire name',
        true,
      );
      continue;
    }
    const s = isObject(propSchema) ? propSchema : {};
    const later = greaterThan(ctx, s, props, propPath, propName);
    const stated = sources(ctx, s, propPath);
    const rules = ruleSources(ctx, s, propPath);
    properties.push({
      name: propName,
      type: typeOf(ctx, propSchema, propPath, `${name}${identifierPart(propName)}`),
      ...docs(s),
      ...(s.default !== undefined ? { default: s.default } : {}),
      ...(s.example !== undefined
        ? { example: s.example }
        : Array.isArray(s.examples) && s.examples.length > 0
          ? { example: s.examples[0] }
          : {}),
      ...(later !== undefined ? { greaterThan: later } : {}),
      ...(stated ? { sources: stated } : {}),
      ...(rules ? { ruleSources: rules } : {}),
      path: propPath,
    });
  }

  const known = (names: unknown, at: JsonPath, what: string): string[] => {
    if (!Array.isArray(names)) {
      ctx.error(at, 'invalid-schema', `${what} must be a list of property names`);
      return [];
    }
    return names.filter((n, index): n is string => {
      if (typeof n === 'string' && n in props) return true;
      ctx.error(
        [...at, index],
        'required-not-declared',
        `${what} names "${String(n)}", which is not a property of ${name}`,
        `declare ${String(n)} under properties or remove it here`,
      );
      return false;
    });
  };

  const required = schema.required === undefined ? [] : known(schema.required, [...path, 'required'], 'required');
  const dependentRequired: { property: string; needs: string[] }[] = [];
  if (schema.dependentRequired !== undefined) {
    const deps = isObject(schema.dependentRequired) ? schema.dependentRequired : {};
    for (const [property, needs] of Object.entries(deps)) {
      const at = [...path, 'dependentRequired', property];
      if (!(property in props))
        ctx.error(
          at,
          'required-not-declared',
          `dependentRequired names "${property}", which is not a property of ${name}`,
          undefined,
          true,
        );
      else dependentRequired.push({ property, needs: known(needs, at, 'dependentRequired') });
    }
  }

  const conditionals: ConditionalModel[] = [];
  const ifThenPairs: [Json, JsonPath][] = [];
  if (schema.if !== undefined) ifThenPairs.push([schema, path]);
  if (isConditionList(schema.allOf))
    schema.allOf.forEach((entry, index) => {
      ifThenPairs.push([entry as Json, [...path, 'allOf', index]]);
    });
  for (const [pair, at] of ifThenPairs) {
    const rule = conditional(ctx, pair, at, props, name);
    if (rule) conditionals.push(rule);
  }

  const notes = crosscheckNotes(schema);
  Object.assign(shape, {
    required,
    dependentRequired,
    conditionals,
    ...(notes ? { crosscheck: notes } : {}),
    ...(isObject(schema.additionalProperties)
      ? { additional: typeOf(ctx, schema.additionalProperties, [...path, 'additionalProperties'], `${name}Value`) }
      : {}),
  });
}

/** Supports the form `if: { properties: { X: { const | enum } }, required?: [...] }, then: { required: [...] }`. */
function conditional(
  ctx: BuildContext,
  pair: Json,
  path: JsonPath,
  props: Json,
  shapeName: string,
): ConditionalModel | undefined {
  const hint = 'write if: { properties: { Field: { const: Value } } } and then: { required: [Other] }';
  const condition = pair.if;
  const consequence = pair.then;
  if (
    !isObject(condition) ||
    !isObject(consequence) ||
    !Array.isArray(consequence.required) ||
    Object.keys(consequence).some((k) => k !== 'required')
  ) {
    ctx.error(
      [...path, 'if'],
      'unsupported-condition',
      'if/then is supported with property conditions and a required list only',
      hint,
      true,
    );
    return undefined;
  }
  const mustBeSet = new Set(
    Array.isArray(condition.required) ? condition.required.filter((r): r is string => typeof r === 'string') : [],
  );
  const conditions: ConditionalModel['conditions'][number][] = [];
  const conditionProps = isObject(condition.properties) ? condition.properties : {};
  for (const [property, rule] of Object.entries(conditionProps)) {
    const at = [...path, 'if', 'properties', property];
    if (!(property in props)) {
      ctx.error(
        at,
        'required-not-declared',
        `if names "${property}", which is not a property of ${shapeName}`,
        undefined,
        true,
      );
      continue;
    }
    const r = isObject(rule) ? rule : {};
    const values = r.const !== undefined ? [r.const] : Array.isArray(r.enum) ? r.enum : undefined;
    if (
      !values?.every((v) => ['string', 'number', 'boolean'].includes(typeof v)) ||
      Object.keys(r).some((k) => k !== 'const' && k !== 'enum')
    ) {
      ctx.error(
        at,
        'unsupported-condition',
        'a condition on a property must be { const: value } or { enum: [values] }',
        hint,
      );
      continue;
    }
    conditions.push({
      property,
      values: values as (string | number | boolean)[],
      mustBeSet: mustBeSet.delete(property),
    });
  }
  for (const property of mustBeSet) conditions.push({ property, mustBeSet: true });
  if (Object.keys(condition).some((k) => k !== 'properties' && k !== 'required')) {
    ctx.error(
      [...path, 'if'],
      'unsupported-condition',
      'the if schema may hold only properties and required',
      hint,
      true,
    );
    return undefined;
  }
  const thenPath = [...path, 'then', 'required'];
  const thenRequired = consequence.required.filter((n, index): n is string => {
    if (typeof n === 'string' && n in props) return true;
    ctx.error(
      [...thenPath, index],
      'required-not-declared',
      `then.required names "${String(n)}", which is not a property of ${shapeName}`,
    );
    return false;
  });
  return { conditions, thenRequired, path };
}

function isObjectSchema(schema: Json): boolean {
  return schema.type === 'object' && (isObject(schema.properties) || !isObject(schema.additionalProperties));
}

function isConditionList(value: unknown): value is Json[] {
  return Array.isArray(value) && value.length > 0 && value.every((entry) => isObject(entry) && entry.if !== undefined);
}

function numberType(kind: 'integer' | 'number', schema: Json): TypeModel {
  return {
    kind,
    ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
    ...pickNumbers(schema, ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']),
  };
}

function pickNumbers(schema: Json, keys: readonly string[]): Record<string, number> {
  const picked: Record<string, number> = {};
  for (const key of keys) if (typeof schema[key] === 'number') picked[key] = schema[key] as number;
  return picked;
}

/**
 * A member name as part of a type name, for the shape of an inline object: unchanged when it is an
 * identifier, else its runs of letters and digits each capitalized and joined
 * (`PodsConfig.PodNetworkMode` -> `PodsConfigPodNetworkMode`, `dc-name` -> `DcName`).
 */
function identifierPart(name: string): string {
  if (IDENTIFIER.test(name)) return name;
  return name
    .split(/[^A-Za-z0-9_$]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
