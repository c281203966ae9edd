/**
 * The protocols that flatten the input into `A.1.B=value` pairs (flattenQuery): `query` and `form`.
 * A module of their own, so a program that calls only JSON actions bundles neither.
 */
import { flattenQuery } from '../flatten.js';
import type { RequestSerializer } from '../operation.js';
import { canonicalQueryString, groupParams, uriEscape } from '../signing/encoding.js';

/** The `query` protocol: the input flattened into the query next to `Action` and `Version` (which it cannot override), no body. */
export const serializeQuery: RequestSerializer = (operation, input) => {
  const pairs: [string, string][] = [
    ['Action', operation.action],
    ['Version', operation.version],
    ...flattenQuery(input).filter(([key]) => key !== 'Action' && key !== 'Version'),
  ];
  return { method: operation.method, queryString: canonicalQueryString(groupParams(pairs)) };
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
