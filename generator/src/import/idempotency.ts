/**
 * Whether an imported action is idempotent (`x-volc-idempotent`), the fact the client's retry loop
 * needs before it repeats a call whose outcome it does not know. The catalog cannot say; the import
 * decides from what it can see, and a person may override the value in the spec:
 * - reads are idempotent: actions named with a read verb (`DescribeInstances`, `ListUsers`,
 *   `GetPolicy`, `QueryPrice`, `CheckName`, ...);
 * - so are writes that take an idempotency token (a string `ClientToken`): the client sends the same
 *   token on every attempt and the server applies the call once;
 * - every other action is not: repeating a `CreateInstance` without a token may create two.
 */
import { isReadAction } from '@volc-ts/spec';
import type { CatalogShape } from './catalog.js';

export function isIdempotentAction(name: string, input: CatalogShape | undefined): boolean {
  const token = input?.members.ClientToken;
  return isReadAction(name) || (token !== undefined && 'type' in token && token.type === 'string');
}
