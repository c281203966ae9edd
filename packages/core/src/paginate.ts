import type { VolcClient } from './client.js';
import type { CallOptions } from './config.js';
import { stringifyJson } from './json.js';
import type { Operation } from './operation.js';
import type { WithMetadata } from './transport/envelope.js';

/**
 * Iterates every item of a paged action: `for await (const item of paginator)`. `pages()` yields the
 * whole responses instead. Each iteration starts again from the input's position; pages are fetched
 * lazily, one at a time.
 */
export interface Paginator<Item, Page> extends AsyncIterable<Item> {
  pages(): AsyncIterable<Page>;
}

/**
 * Reads a top-level member of a response by its wire name, which may hold dots (`Total.Count` is one
 * member, as x-volc-pagination names it). Own members only.
 */
function read(source: unknown, name: string): unknown {
  if (typeof source !== 'object' || source === null || !Object.hasOwn(source, name)) return undefined;
  return (source as Record<string, unknown>)[name];
}

function itemsOf<Item>(page: unknown, path: string): Item[] {
  const items = read(page, path);
  return Array.isArray(items) ? (items as Item[]) : [];
}

/** A number from a number or a numeric string (some services send counts as strings). */
function nonNegativeNumber(value: unknown): number | undefined {
  const n = (typeof value === 'string' && value.trim() !== '') || typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function positiveNumber(value: unknown): number | undefined {
  const n = nonNegativeNumber(value);
  return n === undefined || n === 0 ? undefined : n;
}

/**
 * Remembers the previous page's items to notice a server that ignores the page position and sends the
 * same page again: iterating would otherwise never end (or end only at a cap, with items repeated).
 */
function repeatDetector(): (items: readonly unknown[]) => boolean {
  let previous: string | undefined;
  return (items) => {
    const current = stringifyJson(items);
    const repeated = current === previous;
    previous = current;
    return repeated;
  };
}

function makePaginator<Item, Page>(
  pages: () => AsyncGenerator<Page>,
  items: (page: Page) => Item[],
): Paginator<Item, Page> {
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* items(page);
    },
  };
}

/** Field names of a page-number paged action. `total` and `items` may be dotted paths into the result. */
export interface PageNumberFields {
  readonly pageNumber: string;
  readonly pageSize: string;
  readonly total?: string;
  readonly items: string;
  /** The spec requires the page number: the first page names it too (page 1 unless the input says). */
  readonly pageNumberRequired?: boolean;
}

/**
 * A paginator's input: the action's input with the member the paginator drives (the page number, the
 * offset) optional, since the paginator fills it. Distributes over the cases of a request type with rules.
 */
export type PageInput<I, K extends PropertyKey> = I extends unknown
  ? Omit<I, K> & { [P in K & keyof I]?: I[P] | undefined }
  : never;

/**
 * Pages by page number. Starts at the input's page number (or 1) and stops at an empty page, at a page
 * shorter than the page size, once `pageNumber * pageSize >= total`, or at a page whose items repeat the
 * previous page's (a server that ignores the page number; the repeated page is not yielded). Without a page size in the input,
 * the first page goes out as given (the service's default size) and later pages name the size learned
 * from it, since many services accept a page number only together with a page size.
 */
export function paginatePageNumber<I, O, Item>(
  client: VolcClient,
  operation: Operation<I, O>,
  input: Partial<I>,
  fields: PageNumberFields,
  options?: CallOptions,
): Paginator<Item, WithMetadata<O>> {
  async function* pages(): AsyncGenerator<WithMetadata<O>> {
    const base = { ...(input as object) } as Record<string, unknown>;
    let pageNumber = positiveNumber(base[fields.pageNumber]) ?? 1;
    let pageSize = positiveNumber(base[fields.pageSize]);
    let request: Record<string, unknown> =
      pageSize === undefined && !fields.pageNumberRequired ? base : { ...base, [fields.pageNumber]: pageNumber };
    const repeats = repeatDetector();
    for (;;) {
      const page = await client.send(operation, request as I, options);
      const items = itemsOf(page, fields.items);
      if (items.length > 0 && repeats(items)) return;
      yield page;
      const count = items.length;
      if (count === 0) return;
      pageSize ??= positiveNumber(read(page, fields.pageSize)) ?? count;
      const total = fields.total === undefined ? undefined : nonNegativeNumber(read(page, fields.total));
      if (count < pageSize) return;
      if (total !== undefined && pageNumber * pageSize >= total) return;
      pageNumber++;
      request = { ...base, [fields.pageNumber]: pageNumber, [fields.pageSize]: pageSize };
    }
  }
  return makePaginator(pages, (page) => itemsOf<Item>(page, fields.items));
}

/** Field names of a token paged action. `outputToken` and `items` may be dotted paths into the result. */
export interface TokenFields {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly items: string;
}

/**
 * Pages by continuation token. Starts with the input's token (if any) and stops when the response has
 * no token, an empty one, or one already seen (a server bug that would otherwise loop forever), or at a
 * page whose items repeat the previous page's (not yielded).
 */
export function paginateToken<I, O, Item>(
  client: VolcClient,
  operation: Operation<I, O>,
  input: I,
  fields: TokenFields,
  options?: CallOptions,
): Paginator<Item, WithMetadata<O>> {
  async function* pages(): AsyncGenerator<WithMetadata<O>> {
    const base = { ...(input as object) } as Record<string, unknown>;
    let token = base[fields.inputToken];
    const seen = new Set<unknown>(token === undefined || token === '' ? [] : [token]);
    const repeats = repeatDetector();
    for (;;) {
      const request = token === undefined || token === '' ? base : { ...base, [fields.inputToken]: token };
      const page = await client.send(operation, request as I, options);
      const items = itemsOf(page, fields.items);
      if (items.length > 0 && repeats(items)) return;
      yield page;
      const next = read(page, fields.outputToken);
      if (next === undefined || next === null || next === '' || seen.has(next)) return;
      seen.add(next);
      token = next;
    }
  }
  return makePaginator(pages, (page) => itemsOf<Item>(page, fields.items));
}

/** Field names of an offset paged action. `total` and `items` may be dotted paths into the result. */
export interface OffsetFields {
  readonly offset: string;
  readonly limit: string;
  readonly total?: string;
  readonly items: string;
  /** The spec requires the offset: the first page names it too (0 unless the input says). */
  readonly offsetRequired?: boolean;
}

/**
 * Pages by item offset (from 0), as IAM's Offset/Limit lists do. Starts at the input's offset and stops
 * at an empty page, at a page shorter than the input's limit, once the offset reaches `total`, or at a page
 * whose items repeat the previous page's (a server that ignores the offset; not yielded).
 */
export function paginateOffset<I, O, Item>(
  client: VolcClient,
  operation: Operation<I, O>,
  input: Partial<I>,
  fields: OffsetFields,
  options?: CallOptions,
): Paginator<Item, WithMetadata<O>> {
  async function* pages(): AsyncGenerator<WithMetadata<O>> {
    const base = { ...(input as object) } as Record<string, unknown>;
    const limit = positiveNumber(base[fields.limit]);
    let offset = nonNegativeNumber(base[fields.offset]) ?? 0;
    const repeats = repeatDetector();
    for (;;) {
      const page = await client.send(
        operation,
        (offset === 0 && base[fields.offset] === undefined && !fields.offsetRequired
          ? base
          : { ...base, [fields.offset]: offset }) as I,
        options,
      );
      const items = itemsOf(page, fields.items);
      if (items.length > 0 && repeats(items)) return;
      yield page;
      const count = items.length;
      if (count === 0 || (limit !== undefined && count < limit)) return;
      offset += count;
      const total = fields.total === undefined ? undefined : nonNegativeNumber(read(page, fields.total));
      if (total !== undefined && offset >= total) return;
    }
  }
  return makePaginator(pages, (page) => itemsOf<Item>(page, fields.items));
}
