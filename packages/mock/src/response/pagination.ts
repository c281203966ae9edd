import type { Pagination } from '../catalog/catalog.js';
import { MockServiceError } from '../error-codes.js';

/** Page size used when the request names none. */
const DEFAULT_PAGE_SIZE = 10;

/**
 * Sets a top-level member of the result by its wire name, which may hold dots (x-volc-pagination names
 * members of the result itself, never a path into it).
 */
function setMember(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}

function positiveInteger(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Fills one page of `items` into `result`, the way the action pages: by page number (items, total), by
 * item offset (items, total) or by token (items and the next token, empty on the last page). The mock's
 * tokens are item offsets.
 */
export function pageOfItems(
  pagination: Pagination,
  input: Record<string, unknown>,
  items: readonly unknown[],
  result: Record<string, unknown>,
): Record<string, unknown> {
  const page = structuredClone(result);
  if (pagination.style === 'page-number') {
    const size = positiveInteger(input[pagination.pageSize], DEFAULT_PAGE_SIZE);
    const number = positiveInteger(input[pagination.pageNumber], 1);
    const start = (number - 1) * size;
    setMember(page, pagination.items, items.slice(start, start + size));
    if (pagination.total) setMember(page, pagination.total, items.length);
    return page;
  }
  if (pagination.style === 'offset') {
    const limit = positiveInteger(input[pagination.limit], DEFAULT_PAGE_SIZE);
    const offset = Number(input[pagination.offset] ?? 0);
    const start = Number.isInteger(offset) && offset > 0 ? offset : 0;
    setMember(page, pagination.items, items.slice(start, start + limit));
    if (pagination.total) setMember(page, pagination.total, items.length);
    return page;
  }
  const size = pagination.pageSize ? positiveInteger(input[pagination.pageSize], DEFAULT_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const token = input[pagination.inputToken];
  let start = 0;
  if (token !== undefined && token !== '') {
    start = Number(token);
    if (!Number.isInteger(start) || start < 0 || start > items.length) {
      throw new MockServiceError('InvalidParameter', pagination.inputToken, {
        message: `The parameter ${pagination.inputToken} is invalid: it is not a token this server issued (got ${JSON.stringify(token)}).`,
      });
    }
  }
  const end = start + size;
  setMember(page, pagination.items, items.slice(start, end));
  setMember(page, pagination.outputToken, end < items.length ? String(end) : '');
  return page;
}
