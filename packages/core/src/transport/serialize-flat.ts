/**
 * The protocols that flatten the input into `A.1.B=value` pairs (flattenQuery): `query` and `form`.
 * A module of their own, so a program that calls only JSON actions bundles neither.
 */
import { flattenQuery } from '../flatten.js';
import type { RequestSerializer } from '../operation.js';
import { canonicalQueryString, uriEscape } from '../signing/encoding.js';

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

/** The `query` protocol: the input flattened into the query next to `Action` and `Version` (which it cannot override), no body. */
export const serializeQuery: RequestSerializer = (operation, input) => {
  const pairs: [string, string][] = [
    ['Action', operation.action],
    ['Version', operation.version],
    ...flattenQuery(input).filter(([key]) => key !== 'Action' && key !== 'Version'),
  ];
  return { method: operation.method, queryString: canonicalQueryString(toQueryRecord(pairs)) };
};

/** The `form` protocol: POST with the flattened input as `application/x-www-form-urlencoded`. */
export const serializeForm: RequestSerializer = (operation, input) => ({
  method: 'POST',
  queryString: canonicalQueryString({ Action: operation.action, Version: operation.version }),
  body: flattenQuery(input)
    .map(([key, value]) => `${uriEscape(key)}=${uriEscape(value)}`)
    .join('&'),
  contentType: 'application/x-www-form-urlencoded',
});
