/**
 * Reads Volcengine's response envelope: `{ ResponseMetadata: { RequestId, Action, Version, Service,
 * Region, Error? }, Result? }`. An error may come with any status, 200 included.
 */
import { retryKindOf, RETRYABLE_HTTP_STATUSES } from '../errors/codes.js';
import { VolcResponseError } from '../errors/response-error.js';
import { VolcServiceError } from '../errors/service-error.js';
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

export type ParsedEnvelope =
  | { readonly ok: true; readonly result: object; readonly metadata: ResponseMetadata }
  | { readonly ok: false; readonly error: VolcServiceError | VolcResponseError };

const REQUEST_ID_IN_TEXT = /"RequestId"\s*:\s*"([^"\\]{1,128})"/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** A request id from a gateway header or, for broken bodies, from the text itself. */
function findRequestId(response: HttpResponse): string | undefined {
  return (
    response.headers.get('x-tt-logid') ??
    response.headers.get('x-request-id') ??
    REQUEST_ID_IN_TEXT.exec(response.text)?.[1] ??
    undefined
  );
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
export const UNKNOWN_ERROR_CODE = 'UnknownError';

function errorCode(error: Record<string, unknown>): string {
  return typeof error.Code === 'string' && error.Code.trim() !== '' ? error.Code : UNKNOWN_ERROR_CODE;
}

function metadataOf(raw: Record<string, unknown>, context: EnvelopeContext): ResponseMetadata {
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
 * The `Result` and metadata of a successful answer: a 2xx status, a JSON body with `ResponseMetadata` and
 * no `Error`, and an object (or no) `Result`. Anything else is `undefined`, for `parseEnvelope` to explain;
 * this half is all a successful call runs.
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
  const result = parsed.Result ?? {};
  return typeof result === 'object' ? { result, metadata: metadataOf(raw, context) } : undefined;
}

/**
 * Parses a response into its result or its typed error: `VolcServiceError` when `ResponseMetadata.Error`
 * is present (whatever the status), `VolcResponseError` (with the request id when one can be found) when
 * the body cannot be understood.
 */
export function parseEnvelope(response: HttpResponse, context: EnvelopeContext): ParsedEnvelope {
  const success = successOf(response, context);
  return success ? { ok: true, ...success } : { ok: false, error: envelopeError(response, context) };
}

/** The typed error for a response `successOf` refused. */
export function envelopeError(response: HttpResponse, context: EnvelopeContext): VolcServiceError | VolcResponseError {
  const { status } = response;
  const malformed = (reason: string, cause?: unknown): VolcResponseError => {
    const requestId = findRequestId(response);
    return new VolcResponseError({
      reason,
      status,
      body: response.text,
      action: context.action,
      service: context.service,
      ...(requestId ? { requestId } : {}),
      retryable: Object.hasOwn(RETRYABLE_HTTP_STATUSES, status),
      cause,
    });
  };

  let parsed: unknown;
  try {
    parsed = parseJson(response.text);
  } catch (error) {
    return malformed(response.text.trim() === '' ? 'empty body' : 'body is not valid JSON', error);
  }
  if (!isObject(parsed) || !isObject(parsed.ResponseMetadata)) return malformed('no ResponseMetadata in the body');

  const raw = parsed.ResponseMetadata;
  if (raw.Error !== undefined && raw.Error !== null) {
    const metadata = metadataOf(raw, context);
    const rawError = isObject(raw.Error) ? raw.Error : {};
    const code = errorCode(rawError);
    const codeN = typeof rawError.CodeN === 'number' ? rawError.CodeN : undefined;
    const message =
      text(rawError.Message) ||
      (isObject(raw.Error) ? '' : `ResponseMetadata.Error is ${JSON.stringify(raw.Error).slice(0, 80)}`);
    return new VolcServiceError({
      code,
      ...(codeN !== undefined ? { codeN } : {}),
      serverMessage: message,
      requestId: metadata.RequestId,
      status,
      action: context.action,
      service: context.service,
      version: metadata.Version,
      region: metadata.Region,
      retryable: retryKindOf(code, status) !== undefined || (context.retryableCodes?.includes(code) ?? false),
    });
  }
  if (status < 200 || status >= 300) return malformed(`HTTP ${status} without ResponseMetadata.Error`);
  return malformed('Result is not an object');
}
