/**
 * Detects how a list action pages, from member names alone (the catalog has no pagination data).
 * Only the styles the generator emits paginators for are recognised (page number, token, offset), and
 * only when the output holds the list itself: a list one level down is left alone rather than guessed at.
 */
import type { CatalogShape, CatalogType } from './catalog.js';

export type Pagination =
  | { style: 'page-number'; pageNumber: string; pageSize: string; total: string; items: string }
  | { style: 'token'; inputToken: string; outputToken: string; pageSize?: string; items: string }
  | { style: 'offset'; offset: string; limit: string; total: string; items: string };

// Compared after lower-casing and dropping `_`, so `page`/`limit`/`total_count` match too.
// PageIndex is left out on purpose: the catalog cannot tell whether it counts from 0 or 1.
const PAGE_NUMBER_NAMES = ['pagenumber', 'pagenum', 'pageno', 'page', 'currentpage', 'currpage'];
const PAGE_SIZE_NAMES = ['pagesize', 'limit'];
const EXACT_TOTAL_NAMES = ['total', 'totalcount'];
// Counts such as TotalParamsNum, TotalInstancesNum, TotalJobsNumber (Redis); not TotalSize or TotalPages.
const COUNT_TOTAL = /^total[a-z0-9]*(num|number|count)$/;

/** The pagination of an action, or undefined when it does not page in a recognised way. */
export function detectPagination(
  input: CatalogShape | undefined,
  output: CatalogShape | undefined,
): Pagination | undefined {
  if (!input || !output) return undefined;
  const arrays = Object.keys(output.members).filter((name) => kind(output.members[name]) === 'array');
  if (arrays.length !== 1) return undefined;
  const items = arrays[0]!;
  // Several VPC actions accept both styles; the token style is the one their documentation recommends.
  return tokenStyle(input, output, items) ?? pageNumberStyle(input, output, items) ?? offsetStyle(input, output, items);
}

/** Offset/Limit/Total, as the IAM list actions page: Offset counts items, from 0. */
function offsetStyle(input: CatalogShape, output: CatalogShape, items: string): Pagination | undefined {
  const offset = find(input, ['offset'], 'integer');
  const limit = find(input, ['limit'], 'integer');
  const total = findTotal(output);
  if (!offset || !limit || !total) return undefined;
  return { style: 'offset', offset, limit, total, items };
}

function tokenStyle(input: CatalogShape, output: CatalogShape, items: string): Pagination | undefined {
  const inputToken = find(input, ['nexttoken'], 'string');
  const outputToken = find(output, ['nexttoken'], 'string');
  const maxResults = find(input, ['maxresults']);
  if (!inputToken || !outputToken || !maxResults) return undefined;
  // Some ECS actions type MaxResults as a string; a page size must be a number, so it is left out there.
  const pageSize = kind(input.members[maxResults]) === 'integer' ? { pageSize: maxResults } : {};
  return { style: 'token', inputToken, outputToken, ...pageSize, items };
}

function pageNumberStyle(input: CatalogShape, output: CatalogShape, items: string): Pagination | undefined {
  const pageNumber = find(input, PAGE_NUMBER_NAMES, 'integer');
  const pageSize = find(input, PAGE_SIZE_NAMES, 'integer');
  const total = findTotal(output);
  if (!pageNumber || !pageSize || !total) return undefined;
  return { style: 'page-number', pageNumber, pageSize, total, items };
}

function findTotal(output: CatalogShape): string | undefined {
  const exact = find(output, EXACT_TOTAL_NAMES, 'integer');
  if (exact) return exact;
  const counts = Object.keys(output.members).filter(
    (name) => COUNT_TOTAL.test(normalize(name)) && kind(output.members[name]) === 'integer',
  );
  return counts.length === 1 ? counts[0] : undefined;
}

/** The first member whose normalized name is in `names` (in the order of `names`), of the given kind. */
function find(shape: CatalogShape, names: readonly string[], wanted?: Kind): string | undefined {
  const members = Object.keys(shape.members);
  for (const candidate of names) {
    const matches = members.filter((name) => normalize(name) === candidate);
    if (matches.length === 1 && (!wanted || kind(shape.members[matches[0]!]) === wanted)) return matches[0];
  }
  return undefined;
}

function normalize(name: string): string {
  return name.toLowerCase().replaceAll('_', '');
}

type Kind = 'string' | 'integer' | 'number' | 'array' | 'other';

function kind(type: CatalogType | undefined): Kind {
  if (!type || 'ref' in type) return 'other';
  if (type.type === 'number') {
    return type.format === 'int32' || type.format === 'int64' || type.format === 'integer' ? 'integer' : 'number';
  }
  if (type.type === 'string' || type.type === 'array') return type.type;
  return 'other';
}
