/**
 * Reads Volcengine's response envelope: `{ ResponseMetadata: { RequestId, Action, Version, Service,
 * Region, Error? }, Result? }`. An error may come with any status, 200 included.
 */
import { parseJson } from '../json.js';
import type { HttpResponse } from './types.js';

/** `ResponseMetadata` as the service sent it. */
export interface ResponseMetadata {
  readonly RequestId: string;
  readonly Action: string;
  readonly Version: string;
  readonly Service: string;
  readonly Region: string;
  /** Present on errors; `Code` may be missing or malformed, which the client reports as `UnknownError`. */
  readonly Error?: { readonly Code: string; readonly CodeN?: number; readonly Message: string };
  readonly [extra: string]: unknown;
}

/** What an action resolves to: its `Result`, with the response metadata on a non-enumerable `$metadata`. */
export type WithMetadata<O> = O & { readonly $metadata: ResponseMetadata };

export interface EnvelopeContext {
  readonly action: string;
  readonly version: string;
  readonly service: string;
  /** Codes the service's spec marks retryable, beyond the common table. */
  readonly retryableCodes?: readonly string[];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string as it is, a number or boolean as text; anything else is '' (a nested value is never walked). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}

/** Attaches `$metadata` without making it enumerable, so spreading or JSON-encoding a result stays clean. */
export function attachMetadata<O>(result: object, metadata: ResponseMetadata): WithMetadata<O> {
  Object.defineProperty(result, '$metadata', {
    value: metadata,
    enumerable: false,
    configurable: true,
    writable: false,
  });
  return result as WithMetadata<O>;
}

/** Code given to an error the server sent without a usable `Code` (missing, empty, or not a string). */
export function metadataOf(raw: Record<string, unknown>, context: EnvelopeContext): ResponseMetadata {
  return {
    ...raw,
    RequestId: text(raw.RequestId),
    Action: text(raw.Action) || context.action,
    Version: text(raw.Version) || context.version,
    Service: text(raw.Service) || context.service,
    Region: text(raw.Region),
  };
}

/**
 * Whether `ResponseMetadata.Action` may describe the call: absent, null or empty (some services leave it out),
 * the action's name, or that name in another case (the gateway echoes the query's `Action`, so the exact
 * name is what comes back; a case-only difference still names the same action). Anything else (another
 * action, a number) says the answer is not about this call.
 */
export function answersAction(stated: unknown, action: string): boolean {
  return (
    stated === action ||
    stated === undefined ||
    stated === null ||
    stated === '' ||
    (typeof stated === 'string' && stated.length === action.length && stated.toLowerCase() === action.toLowerCase())
  );
}

/**
 * The `Result` and metadata of a successful answer: a 2xx status, a JSON body with `ResponseMetadata` and
 * no `Error`, an `Action` that is the call's (or none), and an object (or no) `Result`: never an array, as
 * every spec's `Result` is an object. Anything else is `undefined`, for `parseEnvelope` to explain; this
 * half is all a successful call runs.
 */
export function successOf(
  response: HttpResponse,
  context: EnvelopeContext,
): { readonly result: object; readonly metadata: ResponseMetadata } | undefined {
  if (response.status < 200 || response.status >= 300) return undefined;
  let parsed: unknown;
  try {
    // int64 values beyond 2^53 arrive as exact bigints instead of rounded numbers.
    parsed = parseJson(response.text);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !isObject(parsed.ResponseMetadata)) return undefined;
  const raw = parsed.ResponseMetadata;
  // Any `Error` the server sent is an error, with or without a usable `Code`: never a silent success.
  if (raw.Error !== undefined && raw.Error !== null) return undefined;
  // An answer about another action (a misrouted or replayed response) is not this call's success.
  if (raw.Action !== context.action && !answersAction(raw.Action, context.action)) return undefined;
  const result = parsed.Result ?? {};
  return typeof result === 'object' && !Array.isArray(result)
    ? { result, metadata: metadataOf(raw, context) }
    : undefined;
}
