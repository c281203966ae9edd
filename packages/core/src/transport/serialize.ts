import { flattenQuery } from '../flatten.js';
import { stringifyJson } from '../json.js';
import type { Operation } from '../operation.js';
import { canonicalQueryString, uriEscape } from '../signing/encoding.js';

/** An action call turned into HTTP parts, ready to sign and send. Built once per call. */
export interface SerializedRequest {
  readonly method: 'GET' | 'POST';
  /** The exact query string sent: the canonical one, so what is signed is what is read. */
  readonly queryString: string;
  readonly body?: string;
  readonly contentType?: string;
}

/** Groups pairs by key in an object without a prototype, so keys such as `__proto__` or `toString` are plain keys. */
function toQueryRecord(pairs: readonly (readonly [string, string])[]): Record<string, string[]> {
  const record = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of pairs) {
    const values = record[key];
    if (values) values.push(value);
    else record[key] = [value];
  }
  return record;
}

/**
 * Serializes an input by the operation's protocol. `Action` and `Version` always go in the query.
 * - `json`: POST with a JSON body;
 * - `query`: the input flattened into the query (`A.1.B`), no body;
 * - `form`: POST with the flattened input as `application/x-www-form-urlencoded`.
 */
export function serializeRequest(
  operation: Pick<Operation<never, unknown>, 'action' | 'version' | 'method' | 'protocol'>,
  input: unknown,
): SerializedRequest {
  const base: [string, string][] = [
    ['Action', operation.action],
    ['Version', operation.version],
  ];
  switch (operation.protocol) {
    case 'query': {
      const pairs = [...base, ...flattenQuery(input).filter(([key]) => key !== 'Action' && key !== 'Version')];
      return { method: operation.method, queryString: canonicalQueryString(toQueryRecord(pairs)) };
    }
    case 'form': {
      const body = flattenQuery(input)
        .map(([key, value]) => `${uriEscape(key)}=${uriEscape(value)}`)
        .join('&');
      return {
        method: 'POST',
        queryString: canonicalQueryString(toQueryRecord(base)),
        body,
        contentType: 'application/x-www-form-urlencoded',
      };
    }
    case 'json': {
      // A bigint (an int64 beyond 2^53) is written with all its digits.
      const body = stringifyJson(input ?? {});
      return {
        method: 'POST',
        queryString: canonicalQueryString(toQueryRecord(base)),
        body,
        contentType: 'application/json',
      };
    }
    default: {
      const unknown: never = operation.protocol;
      throw new TypeError(`Unknown protocol ${String(unknown)} for ${operation.action}`);
    }
  }
}
