import type { Operation, Protocol, RequestSerializer, SerializedRequest } from '../operation.js';
import { serializeForm, serializeQuery } from './serialize-flat.js';
import { serializeJson } from './serialize-json.js';

export type { RequestSerializer, SerializedRequest } from '../operation.js';

const SERIALIZERS: Record<Protocol, RequestSerializer> = {
  json: serializeJson,
  query: serializeQuery,
  form: serializeForm,
};

/**
 * Serializes an input by a protocol name, for code that has no operation descriptor. It carries every
 * serializer; the client calls `operation.serialize` instead, so a bundle keeps only the ones its actions name.
 * - `json`: POST with a JSON body;
 * - `query`: the input flattened into the query (`A.1.B`), no body;
 * - `form`: POST with the flattened input as `application/x-www-form-urlencoded`.
 * `Action` and `Version` always go in the query.
 */
export function serializeRequest(
  operation: Pick<Operation<never, unknown>, 'action' | 'version' | 'method' | 'protocol'>,
  input: unknown,
): SerializedRequest {
  const serialize = Object.hasOwn(SERIALIZERS, operation.protocol) ? SERIALIZERS[operation.protocol] : undefined;
  if (!serialize) throw new TypeError(`Unknown protocol ${String(operation.protocol)} for ${operation.action}`);
  return serialize(operation, input);
}
