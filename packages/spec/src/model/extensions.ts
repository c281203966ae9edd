/**
 * The `x-volc-*` extensions that carry meaning (spec/README.md describes each): read, checked and turned
 * into model values here, in one place, so the generator and the mock cannot read them differently.
 * `x-volc-service` is read with the rest of the document's root (service.ts).
 */
import type { JsonPath } from '../read.js';
import { isObject, type BuildContext, type Json } from './context.js';
import type { CrosscheckNote, ErrorCodeModel, PaginationModel, SourceName, WaiterModel } from './types.js';

/** `x-volc-pagination` of an operation, or undefined when the operation has none. */
export function pagination(ctx: BuildContext, value: unknown, path: JsonPath): PaginationModel | undefined {
  if (value === undefined) return undefined;
  const v = isObject(value) ? value : {};
  const str = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  const items = str('items');
  if (v.style === 'page-number' && str('pageNumber') && str('pageSize') && items) {
    return {
      style: 'page-number',
      pageNumber: str('pageNumber')!,
      pageSize: str('pageSize')!,
      items,
      ...(str('total') ? { total: str('total')! } : {}),
    };
  }
  if (v.style === 'token' && str('inputToken') && str('outputToken') && items) {
    return {
      style: 'token',
      inputToken: str('inputToken')!,
      outputToken: str('outputToken')!,
      items,
      ...(str('pageSize') ? { pageSize: str('pageSize')! } : {}),
    };
  }
  if (v.style === 'offset' && str('offset') && str('limit') && items) {
    return {
      style: 'offset',
      offset: str('offset')!,
      limit: str('limit')!,
      items,
      ...(str('total') ? { total: str('total')! } : {}),
    };
  }
  ctx.error(
    path,
    'invalid-pagination',
    'x-volc-pagination must be { style: page-number, pageNumber, pageSize, total?, items }, { style: token, inputToken, outputToken, pageSize?, items } or { style: offset, offset, limit, total?, items }',
  );
  return undefined;
}

/** `x-volc-errors` at the root or on an operation: the service's own error codes. */
export function errorCodes(ctx: BuildContext, value: unknown, path: JsonPath): ErrorCodeModel[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    ctx.error(path, 'invalid-extension', 'x-volc-errors must be a list of { code, status?, description?, retryable? }');
    return [];
  }
  const codes: ErrorCodeModel[] = [];
  value.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry.code !== 'string') {
      ctx.error([...path, index], 'invalid-extension', 'each x-volc-errors entry needs a string code');
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

/** `x-volc-idempotency-token` (the input member the runtime fills) and `x-volc-idempotent` of an operation. */
export function idempotency(
  ctx: BuildContext,
  operation: Json,
  path: JsonPath,
): { idempotencyToken?: string; idempotent: boolean } {
  const token = operation['x-volc-idempotency-token'];
  if (token !== undefined && typeof token !== 'string')
    ctx.error(
      [...path, 'x-volc-idempotency-token'],
      'invalid-extension',
      'x-volc-idempotency-token must name an input member',
    );
  const idempotent = operation['x-volc-idempotent'];
  if (idempotent !== undefined && typeof idempotent !== 'boolean') {
    ctx.error(
      [...path, 'x-volc-idempotent'],
      'invalid-extension',
      'x-volc-idempotent must be true or false',
      'true: safe to repeat after an ambiguous failure (reads, writes with a ClientToken)',
    );
  }
  return { ...(typeof token === 'string' ? { idempotencyToken: token } : {}), idempotent: idempotent === true };
}

/** `x-volc-enum-confirmed` next to a string schema's `enum`: true when a person checked the list. */
export function enumConfirmed(ctx: BuildContext, schema: Json, path: JsonPath): boolean {
  const confirmed = schema['x-volc-enum-confirmed'];
  if (confirmed !== undefined && (typeof confirmed !== 'boolean' || schema.enum === undefined)) {
    ctx.error(
      [...path, 'x-volc-enum-confirmed'],
      'invalid-extension',
      'x-volc-enum-confirmed must be true or false, next to an enum',
      'write x-volc-enum-confirmed: true beside an enum whose list a person checked against the API documentation',
    );
  }
  return confirmed === true;
}

/** `x-volc-greater-than` on a property: the sibling it must be later or larger than, when that sibling exists. */
export function greaterThan(
  ctx: BuildContext,
  property: Json,
  siblings: Json,
  path: JsonPath,
  name: string,
): string | undefined {
  const value = property['x-volc-greater-than'];
  if (value !== undefined && (typeof value !== 'string' || !(value in siblings))) {
    ctx.error(
      [...path, 'x-volc-greater-than'],
      'unknown-property',
      `x-volc-greater-than must name a sibling property of ${name} (got ${JSON.stringify(value)})`,
    );
  }
  return typeof value === 'string' && value in siblings ? value : undefined;
}

/** The official sources a spec can name in `x-volc-sources` and `x-volc-rule-sources`. */
const SOURCE_NAMES: readonly SourceName[] = ['node', 'go', 'cli'];

function sourceList(ctx: BuildContext, value: unknown, path: JsonPath, what: string): SourceName[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => (SOURCE_NAMES as readonly unknown[]).includes(v))) {
    ctx.error(
      path,
      'invalid-extension',
      `${what} must be a list of official sources: ${SOURCE_NAMES.join(', ')}`,
      'volc-gen sync writes it; leave it to the sync or name only node, go and cli',
    );
    return undefined;
  }
  return value as SourceName[];
}

/** `x-volc-sources` of an operation or a property: which official sources state it. */
export function sources(ctx: BuildContext, node: Json, path: JsonPath): SourceName[] | undefined {
  return sourceList(ctx, node['x-volc-sources'], [...path, 'x-volc-sources'], 'x-volc-sources');
}

/** `x-volc-rule-sources` of a property: per rule (`required`, `maximum`, ...), the sources that state it. */
export function ruleSources(ctx: BuildContext, node: Json, path: JsonPath): Record<string, SourceName[]> | undefined {
  const value = node['x-volc-rule-sources'];
  if (value === undefined) return undefined;
  const at = [...path, 'x-volc-rule-sources'];
  if (!isObject(value)) {
    ctx.error(at, 'invalid-extension', 'x-volc-rule-sources must map a rule to a list of official sources');
    return undefined;
  }
  const rules: Record<string, SourceName[]> = {};
  for (const [rule, list] of Object.entries(value)) {
    const named = sourceList(ctx, list, [...at, rule], `x-volc-rule-sources.${rule}`);
    if (named) rules[rule] = named;
  }
  return rules;
}

/** The byte-length extensions of a string schema, in the order they are checked. */
export const BYTE_BOUNDS = ['x-volc-min-bytes', 'x-volc-max-bytes'] as const;

/**
 * `x-volc-min-bytes` and `x-volc-max-bytes`: bounds on a string's length in UTF-8 bytes, inclusive (the
 * official Go SDK's `min`/`max` tags, checked with Go's `len(string)`). `string` is false where the schema
 * is not a string, where the extensions mean nothing and are reported.
 */
export function byteBounds(
  ctx: BuildContext,
  schema: Json,
  path: JsonPath,
  string: boolean,
): { minBytes?: number; maxBytes?: number } {
  const bounds: { minBytes?: number; maxBytes?: number } = {};
  for (const key of BYTE_BOUNDS) {
    const value = schema[key];
    if (value === undefined) continue;
    if (!string) {
      ctx.error(
        [...path, key],
        'invalid-extension',
        `${key} applies to a string schema only`,
        schema.$ref !== undefined
          ? `put ${key} on the string schema the $ref points at, or replace the $ref with that schema`
          : `remove ${key}, or use it on a member of type: string`,
      );
      continue;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      ctx.error(
        [...path, key],
        'invalid-extension',
        `${key} must be a non-negative integer, a length in UTF-8 bytes (got ${JSON.stringify(value)})`,
        `write ${key}: 128, the Go SDK's ${key === 'x-volc-min-bytes' ? 'min' : 'max'} tag`,
      );
      continue;
    }
    if (key === 'x-volc-min-bytes') bounds.minBytes = value;
    else bounds.maxBytes = value;
  }
  if (bounds.minBytes !== undefined && bounds.maxBytes !== undefined && bounds.minBytes > bounds.maxBytes) {
    ctx.error(
      [...path, 'x-volc-min-bytes'],
      'invalid-extension',
      `x-volc-min-bytes ${bounds.minBytes} is above x-volc-max-bytes ${bounds.maxBytes}: no string can keep both`,
    );
  }
  return bounds;
}

/**
 * `x-volc-crosscheck` of an operation or an object schema, for the docs: the notes that have a subject,
 * with what each official source says. The generator's behaviour never depends on them.
 */
export function crosscheckNotes(node: Json): CrosscheckNote[] | undefined {
  const value = node['x-volc-crosscheck'];
  if (!Array.isArray(value)) return undefined;
  const scalar = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  const notes: CrosscheckNote[] = [];
  for (const entry of value) {
    if (!isObject(entry) || typeof entry.subject !== 'string') continue;
    const stated: Partial<Record<SourceName, string>> = {};
    for (const source of SOURCE_NAMES) {
      const said = scalar(entry[source]);
      if (said !== undefined) stated[source] = said;
    }
    const chosen = scalar(entry.chosen);
    notes.push({
      subject: entry.subject,
      stated,
      ...(chosen !== undefined ? { chosen } : {}),
      ...(typeof entry.reason === 'string' ? { reason: entry.reason } : {}),
    });
  }
  return notes.length > 0 ? notes : undefined;
}

/** The keys a `x-volc-waiters` entry may have. */
const WAITER_KEYS = new Set([
  'description',
  'action',
  'input',
  'status',
  'match',
  'success',
  'failure',
  'retry',
  'absent',
  'successCodes',
  'retryCodes',
  'minDelay',
  'maxDelay',
  'maxWaitTime',
]);

/**
 * `x-volc-waiters` at the root: a map from waiter name to how it polls. The form is checked here; whether
 * the action, the members and the values exist is checked by lint.ts against the model.
 */
export function waiters(ctx: BuildContext, value: unknown, path: JsonPath): WaiterModel[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    ctx.error(
      path,
      'invalid-waiter',
      'x-volc-waiters must map a waiter name to { action, input, status, success, ... }',
    );
    return [];
  }
  const result: WaiterModel[] = [];
  for (const [name, entry] of Object.entries(value)) {
    const at = [...path, name];
    const before = ctx.diagnostics.length;
    const fail = (key: string | undefined, message: string, hint?: string) =>
      ctx.error(
        key === undefined ? at : [...at, key],
        'invalid-waiter',
        `waiter ${name}: ${message}`,
        hint,
        key === undefined,
      );
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name))
      fail(undefined, 'the name must be PascalCase letters and digits', 'InstanceRunning');
    if (!isObject(entry)) {
      fail(undefined, 'must be an object');
      continue;
    }
    for (const key of Object.keys(entry))
      if (!WAITER_KEYS.has(key)) fail(key, `unknown key ${key}`, `known keys: ${[...WAITER_KEYS].join(', ')}`);
    const text = (key: string, required: boolean): string | undefined => {
      const v = entry[key];
      if (v === undefined && !required) return undefined;
      if (typeof v === 'string' && v.trim() !== '') return v;
      fail(key, `${key} must be a non-empty string`);
      return undefined;
    };
    const list = (key: string, required: boolean): string[] => {
      const v = entry[key];
      if (v === undefined && !required) return [];
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== '')) {
        const seen = new Set<string>();
        for (const x of v as string[]) {
          if (seen.has(x)) fail(key, `${key} lists ${JSON.stringify(x)} twice`);
          seen.add(x);
        }
        return v as string[];
      }
      fail(key, `${key} must be a non-empty list of strings`);
      return [];
    };
    const ms = (key: string, fallback: number, positive: boolean): number => {
      const v = entry[key];
      if (v === undefined) return fallback;
      if (typeof v === 'number' && Number.isSafeInteger(v) && (positive ? v > 0 : v >= 0)) return v;
      fail(
        key,
        `${key} must be a ${positive ? 'positive' : 'non-negative'} integer, in milliseconds (got ${JSON.stringify(v)})`,
      );
      return fallback;
    };
    const action = text('action', true);
    const status = text('status', true);
    const description = text('description', false);
    const input = list('input', false);
    const success = list('success', entry.absent !== 'success' && entry.successCodes === undefined);
    const failure = list('failure', false);
    const retry = list('retry', false);
    const successCodes = list('successCodes', false);
    const retryCodes = list('retryCodes', false);
    const match = entry.match ?? 'all';
    if (match !== 'all' && match !== 'any') fail('match', 'match must be all or any');
    const absent = entry.absent ?? 'retry';
    if (absent !== 'success' && absent !== 'retry') fail('absent', 'absent must be success or retry');
    const minDelay = ms('minDelay', DEFAULT_WAITER_DELAYS.minDelay, true);
    const maxDelay = ms('maxDelay', Math.max(minDelay, DEFAULT_WAITER_DELAYS.maxDelay), true);
    const maxWaitTime = ms('maxWaitTime', DEFAULT_WAITER_DELAYS.maxWaitTime, true);
    if (minDelay > maxDelay) fail('minDelay', `minDelay ${minDelay} is above maxDelay ${maxDelay}`);
    for (const [a, b] of [
      ['success', 'failure'],
      ['success', 'retry'],
      ['failure', 'retry'],
      ['successCodes', 'retryCodes'],
    ] as const) {
      const lists = { success, failure, retry, successCodes, retryCodes };
      const both = lists[a].filter((v) => lists[b].includes(v));
      if (both.length > 0) fail(b, `${both.map((v) => JSON.stringify(v)).join(', ')} cannot be in both ${a} and ${b}`);
    }
    const statusPath = status ? status.split('.') : [];
    if (statusPath.some((segment) => !/^[^[\]]+(\[\])?$/.test(segment)))
      fail(
        'status',
        `status ${JSON.stringify(status)} must be member names joined by dots, a list's name followed by []`,
      );
    if (ctx.diagnostics.length > before || !action || !status) continue;
    result.push({
      name,
      ...(description ? { description: description.trim() } : {}),
      action,
      input,
      status,
      statusPath,
      match: match === 'any' ? 'any' : 'all',
      success,
      failure,
      retry,
      absent: absent === 'success' ? 'success' : 'retry',
      successCodes,
      retryCodes,
      minDelay,
      maxDelay,
      maxWaitTime,
      path: at,
    });
  }
  return result;
}

/** Pauses and wait of a waiter that names none, in ms: 5 s growing to 30 s, 20 minutes in all. */
export const DEFAULT_WAITER_DELAYS = { minDelay: 5_000, maxDelay: 30_000, maxWaitTime: 1_200_000 } as const;
