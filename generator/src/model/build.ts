import { OpenAPIV3 } from 'openapi-types';
import type { Diagnostic } from '../diagnostics.js';
import { SpecError } from '../diagnostics.js';
import { diagnosticAt, type JsonPath, type SpecDocument } from '../load/read.js';
import type {
  ActionModel,
  ConditionalModel,
  ErrorCodeModel,
  PaginationModel,
  PropertyModel,
  ServiceModel,
  ShapeModel,
  TypeModel,
} from './types.js';

type Json = Record<string, unknown>;

/** Operation keys of a path item, from openapi-types. */
const HTTP_METHODS = new Set<string>(Object.values(OpenAPIV3.HttpMethods));
const ACTION_PATH = /^\/\?Action=([A-Za-z][A-Za-z0-9]*)(?:&Version=([^&]+))?$/;
const VERSION = /^\d{4}-\d{2}-\d{2}$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;
/** JSON Schema keywords that have no faithful TypeScript and validator mapping here yet. */
const UNSUPPORTED_KEYWORDS = ['oneOf', 'anyOf', 'allOf', 'not', 'patternProperties', 'prefixItems', '$dynamicRef', 'contains'];

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Turns one spec document into a service model. Collects every problem it finds and throws them
 * together as a SpecError, so a user fixes a spec in one pass instead of one error per run.
 */
export function buildServiceModel(doc: SpecDocument): ServiceModel {
  const builder = new ModelBuilder(doc);
  const model = builder.build();
  if (builder.diagnostics.length > 0) throw new SpecError(builder.diagnostics);
  return model;
}

class ModelBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly shapes = new Map<string, ShapeModel>();
  private readonly schemas: Json;
  /** Shapes being converted, to stop reference cycles through non-object aliases. */
  private readonly converting = new Set<string>();

  constructor(private readonly doc: SpecDocument) {
    const root = isObject(doc.data) ? doc.data : {};
    const components = isObject(root.components) ? root.components : {};
    this.schemas = isObject(components.schemas) ? components.schemas : {};
  }

  error(path: JsonPath, rule: string, message: string, hint?: string, key = false): void {
    this.diagnostics.push(diagnosticAt(this.doc, path, rule, message, hint, key));
  }

  build(): ServiceModel {
    const root = isObject(this.doc.data) ? this.doc.data : {};
    if (!isObject(this.doc.data)) this.error([], 'not-openapi', 'the document must be a YAML mapping (an OpenAPI 3.1 document)');
    if (typeof root.openapi !== 'string' || !root.openapi.startsWith('3.1')) {
      this.error(['openapi'], 'openapi-version', `expected "openapi: 3.1.0" (got ${JSON.stringify(root.openapi)})`);
    }
    const info = isObject(root.info) ? root.info : {};
    const service = isObject(root['x-volc-service']) ? root['x-volc-service'] : {};
    if (!isObject(root['x-volc-service'])) {
      this.error([], 'missing-service', 'x-volc-service is required', 'add x-volc-service: { name, package, className, global } at the top level');
    }
    const name = this.requireString(service, ['x-volc-service', 'name'], /^[a-z][a-z0-9_-]*$/, 'a lower-case signing service name such as redis');
    const packageName = this.requireString(service, ['x-volc-service', 'package'], /^[a-z][a-z0-9-]*$/, 'a lower-case package name such as redis');
    const className = this.requireString(service, ['x-volc-service', 'className'], /^[A-Z][A-Za-z0-9]*$/, 'a PascalCase name such as Redis');
    const version = typeof info.version === 'string' ? info.version : '';
    const host = this.optionalString(service, ['x-volc-service', 'host'], /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'a DNS host name such as open.volcengineapi.com');
    const displayName = this.optionalString(service, ['x-volc-service', 'displayName'], /\S/, 'the service as people name it, such as RDS for MySQL');
    const exampleAction = this.optionalString(service, ['x-volc-service', 'example'], /^[A-Z][A-Za-z0-9]*$/, 'the name of a read-only action of this spec, such as DescribeInstances');

    for (const schemaName of Object.keys(this.schemas).sort()) {
      if (!IDENTIFIER.test(schemaName)) {
        this.error(['components', 'schemas', schemaName], 'invalid-identifier', `schema name "${schemaName}" is not a valid TypeScript identifier`, 'use letters, digits and _ only, not starting with a digit', true);
        continue;
      }
      const schema = this.schemas[schemaName];
      if (isObject(schema) && isObjectSchema(schema)) this.shapeFromSchema(schemaName, schema, ['components', 'schemas', schemaName]);
    }

    const actions = this.buildActions(root.paths);
    return {
      file: this.doc.file,
      service: name,
      packageName,
      className,
      title: typeof info.title === 'string' ? info.title : className,
      ...(typeof info.description === 'string' ? { description: info.description } : {}),
      version,
      global: service.global === true,
      ...(host !== undefined ? { host } : {}),
      ...(displayName !== undefined ? { displayName } : {}),
      ...(exampleAction !== undefined ? { exampleAction } : {}),
      actions,
      shapes: new Map([...this.shapes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      errors: this.errorCodes(root['x-volc-errors'], ['x-volc-errors']),
    };
  }

  private optionalString(object: Json, path: JsonPath, pattern: RegExp, what: string): string | undefined {
    return object[path[path.length - 1] as string] === undefined ? undefined : this.requireString(object, path, pattern, what);
  }

  private requireString(object: Json, path: JsonPath, pattern: RegExp, what: string): string {
    const value = object[path[path.length - 1] as string];
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.error(path, 'invalid-service', `${path.join('.')} must be ${what} (got ${JSON.stringify(value)})`);
      return '';
    }
    return value;
  }

  // ---- actions -------------------------------------------------------------------------------

  private buildActions(paths: unknown): ActionModel[] {
    if (!isObject(paths)) {
      this.error([], 'missing-paths', 'the document has no paths; every action is a path /?Action=<Name>&Version=<version>');
      return [];
    }
    const actions: ActionModel[] = [];
    for (const key of Object.keys(paths)) {
      const item = paths[key];
      const match = ACTION_PATH.exec(key);
      if (!match) {
        this.error(['paths', key], 'path-format', `path "${key}" is not of the form /?Action=<Name>&Version=<YYYY-MM-DD>`, undefined, true);
        continue;
      }
      const [, action = '', version] = match;
      if (version === undefined || !VERSION.test(version)) {
        this.error(['paths', key], 'missing-version', `action ${action} has no valid Version in its path`, `write the path as /?Action=${action}&Version=YYYY-MM-DD`, true);
        continue;
      }
      if (!isObject(item)) continue;
      const methods = Object.keys(item).filter((m) => HTTP_METHODS.has(m));
      if (methods.length !== 1 || (methods[0] !== 'get' && methods[0] !== 'post')) {
        this.error(['paths', key], 'unsupported-method', `action ${action} must have exactly one operation, get or post (found ${methods.join(', ') || 'none'})`, undefined, true);
        continue;
      }
      const method = methods[0] as 'get' | 'post';
      const built = this.buildAction(action, version, method, item[method], ['paths', key, method]);
      if (built) actions.push(built);
    }
    return actions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private buildAction(name: string, version: string, method: 'get' | 'post', operation: unknown, path: JsonPath): ActionModel | undefined {
    if (!isObject(operation)) {
      this.error(path, 'invalid-operation', `the ${method} operation of ${name} must be a mapping`);
      return undefined;
    }
    if (operation.operationId !== name) {
      this.error([...path, 'operationId'], 'operation-id-mismatch', `operationId must equal the action name "${name}" (got ${JSON.stringify(operation.operationId)})`);
    }
    let protocol: ActionModel['protocol'] = method === 'get' ? 'query' : 'json';
    let input: string | undefined;
    let requestExample: unknown;

    if (method === 'post' && operation.requestBody !== undefined) {
      const content = isObject(operation.requestBody) && isObject(operation.requestBody.content) ? operation.requestBody.content : {};
      const types = Object.keys(content);
      const contentType = types[0];
      if (types.length !== 1 || (contentType !== 'application/json' && contentType !== 'application/x-www-form-urlencoded')) {
        this.error([...path, 'requestBody'], 'unsupported-content-type', `requestBody must have one content type, application/json or application/x-www-form-urlencoded (found ${types.join(', ') || 'none'})`);
      } else {
        protocol = contentType === 'application/json' ? 'json' : 'form';
        const media = content[contentType] as Json;
        input = this.inputShape(media?.schema, [...path, 'requestBody', 'content', contentType, 'schema'], `${name}Request`);
        requestExample = firstExample(media);
      }
    }
    if (method === 'get' && operation.parameters !== undefined) {
      const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
      const parameter = parameters[0];
      if (parameters.length !== 1 || !isObject(parameter) || parameter.in !== 'query') {
        this.error([...path, 'parameters'], 'unsupported-parameters', 'a GET action takes one query parameter whose schema is the input object (style: form, explode: true)');
      } else {
        input = this.inputShape(parameter.schema, [...path, 'parameters', 0, 'schema'], `${name}Request`);
        requestExample = firstExample(parameter);
      }
    }

    const { output, responseExample } = this.outputShape(name, operation.responses, [...path, 'responses']);
    const pagination = this.pagination(operation['x-volc-pagination'], [...path, 'x-volc-pagination']);
    const token = operation['x-volc-idempotency-token'];
    if (token !== undefined && typeof token !== 'string') this.error([...path, 'x-volc-idempotency-token'], 'invalid-extension', 'x-volc-idempotency-token must name an input member');
    const idempotent = operation['x-volc-idempotent'];
    if (idempotent !== undefined && typeof idempotent !== 'boolean') {
      this.error([...path, 'x-volc-idempotent'], 'invalid-extension', 'x-volc-idempotent must be true or false', 'true: safe to repeat after an ambiguous failure (reads, writes with a ClientToken)');
    }

    return {
      name,
      version,
      httpMethod: method === 'get' ? 'GET' : 'POST',
      protocol,
      ...docs(operation),
      ...(input !== undefined ? { input } : {}),
      ...(output !== undefined ? { output } : {}),
      ...(pagination ? { pagination } : {}),
      ...(typeof token === 'string' ? { idempotencyToken: token } : {}),
      ...(Array.isArray(operation.security) && operation.security.length === 0 ? { unsigned: true } : {}),
      idempotent: idempotent === true,
      ...(requestExample !== undefined ? { requestExample } : {}),
      ...(responseExample !== undefined ? { responseExample } : {}),
      errors: this.errorCodes(operation['x-volc-errors'], [...path, 'x-volc-errors']),
      tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
      path,
    };
  }

  /** The input must be an object: a $ref to an object schema, or an inline object that becomes `<Action>Request`. */
  private inputShape(schema: unknown, path: JsonPath, inlineName: string): string | undefined {
    const type = this.typeOf(schema, path, inlineName);
    if (type.kind === 'ref' && this.shapes.has(type.name)) return type.name;
    if (type.kind === 'object') return undefined;
    if (type.kind !== 'ref') this.error(path, 'input-not-object', 'the input schema must be an object with properties');
    return undefined;
  }

  private outputShape(name: string, responses: unknown, path: JsonPath): { output?: string; responseExample?: unknown } {
    const ok = isObject(responses) ? responses['200'] : undefined;
    const media = isObject(ok) && isObject(ok.content) ? ok.content['application/json'] : undefined;
    if (!isObject(media) || !isObject(media.schema)) {
      this.error(path, 'missing-response', `action ${name} needs responses.200.content.application/json with a ResponseMetadata and Result schema`);
      return {};
    }
    const responseExample = firstExample(media);
    const properties = isObject(media.schema.properties) ? media.schema.properties : {};
    const resultPath = [...path, '200', 'content', 'application/json', 'schema', 'properties', 'Result'];
    if (properties.Result === undefined) return responseExample === undefined ? {} : { responseExample };
    const type = this.typeOf(properties.Result, resultPath, `${name}Result`);
    const output = type.kind === 'ref' && this.shapes.has(type.name) ? type.name : undefined;
    if (type.kind !== 'ref' && type.kind !== 'object') this.error(resultPath, 'result-not-object', 'Result must be an object schema');
    return { ...(output ? { output } : {}), ...(responseExample !== undefined ? { responseExample } : {}) };
  }

  private pagination(value: unknown, path: JsonPath): PaginationModel | undefined {
    if (value === undefined) return undefined;
    const v = isObject(value) ? value : {};
    const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
    const items = str('items');
    if (v.style === 'page-number' && str('pageNumber') && str('pageSize') && items) {
      return { style: 'page-number', pageNumber: str('pageNumber')!, pageSize: str('pageSize')!, items, ...(str('total') ? { total: str('total')! } : {}) };
    }
    if (v.style === 'token' && str('inputToken') && str('outputToken') && items) {
      return { style: 'token', inputToken: str('inputToken')!, outputToken: str('outputToken')!, items, ...(str('pageSize') ? { pageSize: str('pageSize')! } : {}) };
    }
    if (v.style === 'offset' && str('offset') && str('limit') && items) {
      return { style: 'offset', offset: str('offset')!, limit: str('limit')!, items, ...(str('total') ? { total: str('total')! } : {}) };
    }
    this.error(
      path,
      'invalid-pagination',
      'x-volc-pagination must be { style: page-number, pageNumber, pageSize, total?, items }, { style: token, inputToken, outputToken, pageSize?, items } or { style: offset, offset, limit, total?, items }',
    );
    return undefined;
  }

  private errorCodes(value: unknown, path: JsonPath): ErrorCodeModel[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.error(path, 'invalid-extension', 'x-volc-errors must be a list of { code, status?, description?, retryable? }');
      return [];
    }
    const codes: ErrorCodeModel[] = [];
    value.forEach((entry, index) => {
      if (!isObject(entry) || typeof entry.code !== 'string') {
        this.error([...path, index], 'invalid-extension', 'each x-volc-errors entry needs a string code');
        return;
      }
      codes.push({
        code: entry.code,
        ...(typeof entry.status === 'number' ? { status: entry.status } : {}),
        ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
        ...(typeof entry.retryable === 'boolean' ? { retryable: entry.retryable } : {}),
      });
    });
    return codes;
  }

  // ---- schemas -------------------------------------------------------------------------------

  /** Converts a schema to a type; inline objects with properties become named shapes (`hoistName`). */
  typeOf(schema: unknown, path: JsonPath, hoistName: string): TypeModel {
    if (!isObject(schema)) {
      if (schema === true || schema === undefined) return { kind: 'unknown' };
      this.error(path, 'unmappable-type', 'a schema must be a mapping');
      return { kind: 'unknown' };
    }
    if (typeof schema.$ref === 'string') return this.resolveRef(schema.$ref, [...path, '$ref']);
    for (const keyword of UNSUPPORTED_KEYWORDS) {
      if (schema[keyword] !== undefined && !(keyword === 'allOf' && isConditionList(schema.allOf))) {
        this.error([...path, keyword], 'unsupported-schema', `the keyword "${keyword}" cannot be mapped to a TypeScript type and validator yet`, 'describe the value with type, properties, enum and the other keywords listed in spec/README.md', true);
        return { kind: 'unknown' };
      }
    }
    const type: unknown = schema.type;
    if (type === undefined) {
      if (isObjectSchema(schema)) return this.objectType(schema, path, hoistName);
      if (Array.isArray(schema.enum)) return this.stringType({ ...schema, type: 'string' }, path);
      return { kind: 'unknown' };
    }
    switch (type) {
      case 'string':
        return this.stringType(schema, path);
      case 'integer':
      case 'number':
        return numberType(type as 'integer' | 'number', schema);
      case 'boolean':
        return { kind: 'boolean' };
      case 'array':
        return {
          kind: 'array',
          items: this.typeOf(schema.items, [...path, 'items'], `${hoistName}Item`),
          ...pickNumbers(schema, ['minItems', 'maxItems']),
          ...(schema.uniqueItems === true ? { uniqueItems: true } : {}),
        };
      case 'object':
        return this.objectType(schema, path, hoistName);
      default:
        this.error([...path, 'type'], 'unmappable-type', `type ${JSON.stringify(type)} cannot be mapped to TypeScript`, 'use one of string, integer, number, boolean, array, object');
        return { kind: 'unknown' };
    }
  }

  private stringType(schema: Json, path: JsonPath): TypeModel {
    const values = schema.enum;
    if (values !== undefined) {
      if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
        this.error([...path, 'enum'], 'invalid-enum', 'enum must be a non-empty list of strings');
      } else {
        const seen = new Set<string>();
        values.forEach((v, index) => {
          if (seen.has(v)) this.error([...path, 'enum', index], 'duplicate-enum', `enum value "${v}" is listed twice`, 'remove the repeated value');
          seen.add(v);
        });
      }
    }
    const confirmed = schema['x-volc-enum-confirmed'];
    if (confirmed !== undefined && (typeof confirmed !== 'boolean' || values === undefined)) {
      this.error([...path, 'x-volc-enum-confirmed'], 'invalid-extension', 'x-volc-enum-confirmed must be true or false, next to an enum', 'write x-volc-enum-confirmed: true beside an enum whose list a person checked against the API documentation');
    }
    return {
      kind: 'string',
      ...(Array.isArray(values) && values.every((v) => typeof v === 'string') ? { enum: [...new Set(values as string[])] } : {}),
      ...(confirmed === true ? { enumConfirmed: true } : {}),
      ...(typeof schema.const === 'string' ? { const: schema.const } : {}),
      ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
      ...(typeof schema.pattern === 'string' ? { pattern: this.checkPattern(schema.pattern, [...path, 'pattern']) } : {}),
      ...pickNumbers(schema, ['minLength', 'maxLength']),
    };
  }

  private checkPattern(pattern: string, path: JsonPath): string {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      this.error(path, 'invalid-pattern', `pattern is not a valid regular expression: ${(error as Error).message}`);
    }
    return pattern;
  }

  private objectType(schema: Json, path: JsonPath, hoistName: string): TypeModel {
    if (isObject(schema.properties)) {
      if (hoistName in this.schemas || this.shapes.has(hoistName)) {
        this.error(path, 'name-collision', `this inline object would be named ${hoistName}, which is already a schema`, `move it to components.schemas under another name and $ref it`);
        return { kind: 'unknown' };
      }
      this.shapeFromSchema(hoistName, schema, path);
      return { kind: 'ref', name: hoistName };
    }
    if (isObject(schema.additionalProperties)) {
      return { kind: 'map', values: this.typeOf(schema.additionalProperties, [...path, 'additionalProperties'], `${hoistName}Value`) };
    }
    return { kind: 'object' };
  }

  private resolveRef(ref: string, path: JsonPath): TypeModel {
    const match = SCHEMA_REF.exec(ref);
    const name = match?.[1];
    if (name === undefined || !(name in this.schemas)) {
      this.error(path, 'unknown-ref', `$ref "${ref}" does not point at a schema in components.schemas`, name ? `define components.schemas.${name} or fix the name` : 'local refs look like #/components/schemas/<Name>');
      return { kind: 'unknown' };
    }
    const target = this.schemas[name];
    if (isObject(target) && isObjectSchema(target)) return { kind: 'ref', name };
    // A non-object schema (say, a shared enum) is used inline where it is referenced.
    if (this.converting.has(name)) {
      this.error(path, 'circular-ref', `$ref "${ref}" refers to itself through non-object schemas`);
      return { kind: 'unknown' };
    }
    this.converting.add(name);
    const type = this.typeOf(target, ['components', 'schemas', name], name);
    this.converting.delete(name);
    return type;
  }

  private shapeFromSchema(name: string, schema: Json, path: JsonPath): void {
    if (this.shapes.has(name)) return;
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
    this.shapes.set(name, shape);

    const props = isObject(schema.properties) ? schema.properties : {};
    for (const [propName, propSchema] of Object.entries(props)) {
      const propPath = [...path, 'properties', propName];
      if (!IDENTIFIER.test(propName)) {
        this.error(propPath, 'invalid-identifier', `property name "${propName}" is not a valid identifier`, 'use letters, digits and _ only, not starting with a digit', true);
        continue;
      }
      const s = isObject(propSchema) ? propSchema : {};
      const greaterThan = s['x-volc-greater-than'];
      if (greaterThan !== undefined && (typeof greaterThan !== 'string' || !(greaterThan in props))) {
        this.error([...propPath, 'x-volc-greater-than'], 'unknown-property', `x-volc-greater-than must name a sibling property of ${propName} (got ${JSON.stringify(greaterThan)})`);
      }
      properties.push({
        name: propName,
        type: this.typeOf(propSchema, propPath, `${name}${propName}`),
        ...docs(s),
        ...(s.default !== undefined ? { default: s.default } : {}),
        ...(s.example !== undefined ? { example: s.example } : Array.isArray(s.examples) && s.examples.length > 0 ? { example: s.examples[0] } : {}),
        ...(typeof greaterThan === 'string' && greaterThan in props ? { greaterThan } : {}),
        path: propPath,
      });
    }

    const known = (names: unknown, at: JsonPath, what: string): string[] => {
      if (!Array.isArray(names)) {
        this.error(at, 'invalid-schema', `${what} must be a list of property names`);
        return [];
      }
      return names.filter((n, index): n is string => {
        if (typeof n === 'string' && n in props) return true;
        this.error([...at, index], 'required-not-declared', `${what} names "${String(n)}", which is not a property of ${name}`, `declare ${String(n)} under properties or remove it here`);
        return false;
      });
    };

    const required = schema.required === undefined ? [] : known(schema.required, [...path, 'required'], 'required');
    const dependentRequired: { property: string; needs: string[] }[] = [];
    if (schema.dependentRequired !== undefined) {
      const deps = isObject(schema.dependentRequired) ? schema.dependentRequired : {};
      for (const [property, needs] of Object.entries(deps)) {
        const at = [...path, 'dependentRequired', property];
        if (!(property in props)) this.error(at, 'required-not-declared', `dependentRequired names "${property}", which is not a property of ${name}`, undefined, true);
        else dependentRequired.push({ property, needs: known(needs, at, 'dependentRequired') });
      }
    }

    const conditionals: ConditionalModel[] = [];
    const ifThenPairs: [Json, JsonPath][] = [];
    if (schema.if !== undefined) ifThenPairs.push([schema, path]);
    if (isConditionList(schema.allOf)) schema.allOf.forEach((entry, index) => ifThenPairs.push([entry as Json, [...path, 'allOf', index]]));
    for (const [pair, at] of ifThenPairs) {
      const conditional = this.conditional(pair, at, props, name);
      if (conditional) conditionals.push(conditional);
    }

    Object.assign(shape, {
      required,
      dependentRequired,
      conditionals,
      ...(isObject(schema.additionalProperties)
        ? { additional: this.typeOf(schema.additionalProperties, [...path, 'additionalProperties'], `${name}Value`) }
        : {}),
    });
  }

  /** Supports the form `if: { properties: { X: { const | enum } }, required?: [...] }, then: { required: [...] }`. */
  private conditional(pair: Json, path: JsonPath, props: Json, shapeName: string): ConditionalModel | undefined {
    const hint = 'write if: { properties: { Field: { const: Value } } } and then: { required: [Other] }';
    const condition = pair.if;
    const consequence = pair.then;
    if (!isObject(condition) || !isObject(consequence) || !Array.isArray(consequence.required) || Object.keys(consequence).some((k) => k !== 'required')) {
      this.error([...path, 'if'], 'unsupported-condition', 'if/then is supported with property conditions and a required list only', hint, true);
      return undefined;
    }
    const mustBeSet = new Set(Array.isArray(condition.required) ? condition.required.filter((r): r is string => typeof r === 'string') : []);
    const conditions: ConditionalModel['conditions'][number][] = [];
    const conditionProps = isObject(condition.properties) ? condition.properties : {};
    for (const [property, rule] of Object.entries(conditionProps)) {
      const at = [...path, 'if', 'properties', property];
      if (!(property in props)) {
        this.error(at, 'required-not-declared', `if names "${property}", which is not a property of ${shapeName}`, undefined, true);
        continue;
      }
      const r = isObject(rule) ? rule : {};
      const values = r.const !== undefined ? [r.const] : Array.isArray(r.enum) ? r.enum : undefined;
      if (!values || !values.every((v) => ['string', 'number', 'boolean'].includes(typeof v)) || Object.keys(r).some((k) => k !== 'const' && k !== 'enum')) {
        this.error(at, 'unsupported-condition', 'a condition on a property must be { const: value } or { enum: [values] }', hint);
        continue;
      }
      conditions.push({ property, values: values as (string | number | boolean)[], mustBeSet: mustBeSet.delete(property) });
    }
    for (const property of mustBeSet) conditions.push({ property, mustBeSet: true });
    if (Object.keys(condition).some((k) => k !== 'properties' && k !== 'required')) {
      this.error([...path, 'if'], 'unsupported-condition', 'the if schema may hold only properties and required', hint, true);
      return undefined;
    }
    const thenPath = [...path, 'then', 'required'];
    const thenRequired = consequence.required.filter((n, index): n is string => {
      if (typeof n === 'string' && n in props) return true;
      this.error([...thenPath, index], 'required-not-declared', `then.required names "${String(n)}", which is not a property of ${shapeName}`);
      return false;
    });
    return { conditions, thenRequired, path };
  }
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

function docs(node: Json): { summary?: string; description?: string; deprecated?: boolean } {
  return {
    ...(typeof node.summary === 'string' ? { summary: node.summary.trim() } : {}),
    ...(typeof node.description === 'string' ? { description: node.description.trim() } : {}),
    ...(node.deprecated === true ? { deprecated: true } : {}),
  };
}

/** The first of `examples` (by name order in the file) or the single `example`. */
function firstExample(media: unknown): unknown {
  if (!isObject(media)) return undefined;
  if (isObject(media.examples)) {
    const first = Object.values(media.examples)[0];
    if (isObject(first) && 'value' in first) return first.value;
  }
  return media.example;
}
