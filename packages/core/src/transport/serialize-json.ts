import { stringifyJson } from '../json.js';
import type { RequestSerializer } from '../operation.js';
import { canonicalQueryString } from '../signing/encoding.js';

/**
 * The `json` protocol: POST with the input as a JSON body; only `Action` and `Version` in the query.
 * A bigint (an int64 beyond 2^53) is written with all its digits.
 */
export const serializeJson: RequestSerializer = (operation, input) => ({
  method: 'POST',
  queryString: canonicalQueryString({ Action: operation.action, Version: operation.version }),
  body: stringifyJson(input ?? {}),
  contentType: 'application/json',
});
