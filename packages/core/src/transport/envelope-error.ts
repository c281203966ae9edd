/**
 * The error half of the envelope: what a response that is not a success means, as a typed error. Only the
 * failure path and the STS credential source read it; a successful call needs envelope.ts alone.
 */
import { retryKindOf, RETRYABLE_HTTP_STATUSES } from '../errors/codes.js';
import { VolcResponseError } from '../errors/response-error.js';
import { VolcServiceError } from '../errors/service-error.js';
import { parseJson } from '../json.js';
import {
  answersAction,
  type EnvelopeContext,
  isObject,
  metadataOf,
  type ResponseMetadata,
  successOf,
  text,
} from './envelope.js';
import type { HttpResponse, ResponseHeaders } from './types.js';

export type ParsedEnvelope =
  | { readonly ok: true; readonly result: object; readonly metadata: ResponseMetadata }
  | { readonly ok: false; readonly error: VolcServiceError | VolcResponseError };

const REQUEST_ID_IN_TEXT = /"RequestId"\s*:\s*"([^"\\]{1,128})"/;

/** The request id a gateway header carries (`X-Tt-Logid`, `X-Request-Id`), if any. */
export function gatewayRequestId(headers: ResponseHeaders | undefined): string | undefined {
  return headers?.get('x-tt-logid') ?? headers?.get('x-request-id') ?? undefined;
}

/** A request id from a gateway header or, for broken bodies, from the text itself. */
function findRequestId(response: HttpResponse): string | undefined {
  return gatewayRequestId(response.headers) ?? REQUEST_ID_IN_TEXT.exec(response.text)?.[1] ?? undefined;
}

export const UNKNOWN_ERROR_CODE = 'UnknownError';

/** `an array`, `a string ("...")`, `5`: a value named without walking it (it may be nested 100,000 deep). */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 80))})`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** `Code` when it is a non-empty string; else `UnknownError` (the numeric `CodeN`, if any, stays on `codeN`). */
function errorCode(error: Record<string, unknown>): string {
  return typeof error.Code === 'string' && error.Code.trim() !== '' ? error.Code : UNKNOWN_ERROR_CODE;
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
  const malformed = (reason: string, cause?: unknown, stated?: string): VolcResponseError => {
    const requestId = stated || findRequestId(response);
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
      (typeof rawError.Message === 'object' && rawError.Message !== null
        ? `(Message is ${describeValue(rawError.Message)})`
        : '') ||
      (isObject(raw.Error) ? '' : `ResponseMetadata.Error is ${describeValue(raw.Error)}`);
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
  const requestId = text(raw.RequestId);
  if (!answersAction(raw.Action, context.action)) {
    const stated = JSON.stringify(raw.Action)?.slice(0, 80);
    return malformed(
      `ResponseMetadata.Action is ${stated}, not the action called (${context.action})`,
      undefined,
      requestId,
    );
  }
  return malformed(`Result is ${kindOf(parsed.Result)}, not an object`, undefined, requestId);
}

/** The JSON kind of a value, for a message: `an array`, `a string`, `a number`, ... */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  const kind = typeof value === 'bigint' ? 'number' : typeof value;
  return kind === 'object' ? 'an object' : `a ${kind}`;
}
