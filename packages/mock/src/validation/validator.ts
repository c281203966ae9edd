import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { SchemaValidateFunction } from 'ajv/dist/types/index.js';
import type { ActionDef, Catalog } from '../catalog/catalog.js';
import { isRecord } from '../catalog/refs.js';
import { MockServiceError } from '../error-codes.js';
import { FORMATS, formatRule } from './formats.js';

const GREATER_THAN = 'x-volc-greater-than';
const MIN_BYTES = 'x-volc-min-bytes';
const MAX_BYTES = 'x-volc-max-bytes';

/** Validates action input with the spec's JSON Schema rules, answering as the service would. */
export class InputValidator {
  private readonly ajv: Ajv2020;
  private readonly documentIds = new Map<object, string>();
  private readonly compiled = new Map<ActionDef, ValidateFunction>();

  constructor(private readonly catalog: Catalog) {
    // strict: false because spec schemas carry OpenAPI keywords (example, x-volc-*) that Ajv does not know.
    // ownProperties: a member named `constructor` or `toString` is absent unless the input sets it, never
    // read from Object.prototype.
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      verbose: true,
      logger: false,
      formats: FORMATS,
      ownProperties: true,
    });
    const greaterThan: SchemaValidateFunction = (other: string, data: unknown, _schema, context) => {
      const parent: unknown = context?.parentData;
      const bound = isRecord(parent) && Object.hasOwn(parent, other) ? parent[other] : undefined;
      if (data === undefined || bound === undefined) return true;
      const a = comparable(data);
      const b = comparable(bound);
      if (Number.isNaN(a) || Number.isNaN(b) || a > b) return true;
      greaterThan.errors = [{ keyword: GREATER_THAN, message: `must be later than ${other}`, params: { other } }];
      return false;
    };
    this.ajv.addKeyword({ keyword: GREATER_THAN, schemaType: 'string', errors: true, validate: greaterThan });
    // Byte bounds (spec/README.md): a string's length in UTF-8 bytes, inclusive, counted here by Node's own
    // encoder rather than the runtime's counter, so the two check each other. Non-strings are the type's business.
    for (const [keyword, holds, bound] of [
      [MIN_BYTES, (bytes: number, limit: number) => bytes >= limit, 'at least'],
      [MAX_BYTES, (bytes: number, limit: number) => bytes <= limit, 'at most'],
    ] as const) {
      const check: SchemaValidateFunction = (limit: number, data: unknown) => {
        if (typeof data !== 'string') return true;
        const bytes = Buffer.byteLength(data, 'utf8');
        if (holds(bytes, limit)) return true;
        check.errors = [
          { keyword, message: `must be ${bound} ${limit} bytes in UTF-8, not ${bytes}`, params: { limit, bytes } },
        ];
        return false;
      };
      this.ajv.addKeyword({ keyword, schemaType: 'number', errors: true, validate: check });
    }
  }

  /** Throws MissingParameter or InvalidParameter when `input` breaks a rule of the action's input schema. */
  validate(def: ActionDef, input: Record<string, unknown>): void {
    const validate = this.validatorFor(def);
    if (!validate || validate(input)) return;
    throw toServiceError(validate.errors ?? []);
  }

  private validatorFor(def: ActionDef): ValidateFunction | undefined {
    if (!def.inputSchema) return undefined;
    let validate = this.compiled.get(def);
    if (!validate) {
      const documentId = this.registerDocument(def.document);
      validate = this.ajv.compile({ $ref: `${documentId}#/x-mock-inputs/${encodeURIComponent(inputKey(def))}` });
      this.compiled.set(def, validate);
    }
    return validate;
  }

  /**
   * Adds a spec document to Ajv once, as a schema resource holding its components and the input schema
   * of each of its actions, so every `#/components/...` ref resolves inside its own document.
   */
  private registerDocument(document: Record<string, unknown>): string {
    let id = this.documentIds.get(document);
    if (id) return id;
    id = `volc-mock:spec:${this.documentIds.size}`;
    const inputs: Record<string, unknown> = {};
    for (const def of this.catalog.all()) {
      if (def.document === document && def.inputSchema) inputs[inputKey(def)] = def.inputSchema;
    }
    const schemas = openEnums({ components: document.components ?? {}, 'x-mock-inputs': inputs });
    this.ajv.addSchema({ $id: id, ...(schemas as Record<string, unknown>) });
    this.documentIds.set(document, id);
    return id;
  }
}

/**
 * A copy in which enums that no person confirmed (no `x-volc-enum-confirmed: true`, see spec/README.md)
 * accept any string, as the generated clients do: the mock refuses only what the spec says the server
 * refuses. Enums inside `if` keep their values: there they describe a condition, not a rule.
 */
function openEnums(value: unknown, inCondition = false): unknown {
  if (Array.isArray(value)) return value.map((item) => openEnums(item, inCondition));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'enum' && Array.isArray(item) && !inCondition && value['x-volc-enum-confirmed'] !== true) continue;
    out[key] = openEnums(item, inCondition || key === 'if');
  }
  return out;
}

function inputKey(def: ActionDef): string {
  return `${def.action}@${def.version}`;
}

function comparable(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Date.parse(value);
  return Number.NaN;
}

/** `/Tags/0/Key` -> `Tags[0].Key`, the way a user writes the field. */
export function fieldPath(instancePath: string, member?: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (member !== undefined) segments.push(member);
  let path = '';
  for (const segment of segments)
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  return path;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

function ruleOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = String(params.type).split(',');
      return `must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`;
    }
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${String(params.allowedValue)}`;
    case 'format':
      return formatRule(String(params.format));
    default:
      return error.message ?? `breaks the ${error.keyword} rule`;
  }
}

// When one field breaks several rules, the most telling one is reported.
const PRIORITY = [
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'format',
  MIN_BYTES,
  MAX_BYTES,
  GREATER_THAN,
];
const rank = (error: ErrorObject) => {
  const index = PRIORITY.indexOf(error.keyword);
  return index === -1 ? PRIORITY.length : index;
};

/** Picks the error the service would report: a missing member first, else the first broken rule. */
export function toServiceError(errors: readonly ErrorObject[]): MockServiceError {
  const relevant = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'then');
  const missing = relevant.find((e) => e.keyword === 'required' || e.keyword === 'dependentRequired');
  if (missing) {
    const params = missing.params as { missingProperty: string; property?: string };
    const path = fieldPath(missing.instancePath, params.missingProperty);
    const when =
      missing.keyword === 'dependentRequired' && params.property ? ` (required when ${params.property} is set)` : '';
    return new MockServiceError('MissingParameter', path, {
      message: `The request is missing ${path} parameter.${when}`,
    });
  }
  const first = relevant.find((e) => e.instancePath === relevant[0]?.instancePath) ?? errors[0];
  if (!first) return new MockServiceError('InvalidParameter', 'input');
  const samePath = relevant.filter((e) => e.instancePath === first.instancePath).sort((a, b) => rank(a) - rank(b));
  const chosen = samePath[0] ?? first;
  const path = fieldPath(chosen.instancePath) || 'input';
  const got = chosen.data === undefined ? '' : ` (got ${describeValue(chosen.data)})`;
  return new MockServiceError('InvalidParameter', path, {
    message: `The parameter ${path} is invalid: ${ruleOf(chosen)}${got}.`,
  });
}
