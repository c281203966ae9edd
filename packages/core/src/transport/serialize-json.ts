import { stringifyJson } from '../json.js';
import type { RequestSerializer } from '../operation.js';
import { canonicalQueryString } from '../signing/encoding.js';

// The query of a JSON action never changes: encoded once per operation (its descriptor is a module constant).
const queries = new WeakMap<object, string>();

function queryOf(operation: { readonly action: string; readonly version: string }): string {
  let query = queries.get(operation);
  if (query === undefined) {
    query = canonicalQueryString({ Action: operation.action, Version: operation.version });
    queries.set(operation, query);
  }
  return query;
}

/**
 * The `json` protocol: POST with the input as a JSON body; only `Action` and `Version` in the query.
 * A bigint (an int64 beyond 2^53) is written with all its digits.
 */
export const serializeJson: RequestSerializer = (operation, input) => ({
  method: 'POST',
  queryString: queryOf(operation),
  body: stringifyJson(input ?? {}),
  contentType: 'application/json',
});
