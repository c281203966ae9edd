/**
 * The paginators' requests and stopping rules, exactly: which members the first and later requests carry,
 * every stop on its edge (a page as long as the size, a total reached exactly or missed by one), numbers
 * sent as strings, and repeated pages. A scripted client stands in for VolcClient: paginate.ts only
 * calls `send`.
 */
import { describe, expect, it } from 'vitest';
import type { CallOptions, VolcClient } from '../src/index.js';
import { paginateOffset, paginatePageNumber, paginateToken } from '../src/internal.js';
import { describeThings } from './helpers/operations.js';

type Page = Record<string, unknown>;

/** A client whose `send` answers from `pages` in turn (the last one again when they run out) and records each request. */
function scripted(pages: Page[] | ((request: Record<string, unknown>, index: number) => Page)) {
  const requests: Record<string, unknown>[] = [];
  const options: (CallOptions | undefined)[] = [];
  const client = {
    async send(_operation: unknown, request: Record<string, unknown>, callOptions?: CallOptions) {
      requests.push({ ...request });
      options.push(callOptions);
      const index = requests.length - 1;
      return typeof pages === 'function' ? pages(request, index) : pages[Math.min(index, pages.length - 1)];
    },
  } as unknown as VolcClient;
  return { client, requests, options };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const pageFields = { pageNumber: 'PageNumber', pageSize: 'PageSize', total: 'Total', items: 'Items' };
const offsetFields = { offset: 'Offset', limit: 'Limit', total: 'Total', items: 'Items' };
const tokenFields = { inputToken: 'NextToken', outputToken: 'NextToken', items: 'Items' };

/** Items `from`..`from + count - 1`, as numbers. */
const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('paginatePageNumber: requests', () => {
  it('sends the first request as given without a page size, then the page number and the size it learned', async () => {
    const { client, requests } = scripted([{ Items: items(1, 3), PageSize: 3 }, { Items: items(4, 3) }, { Items: [] }]);
    await collect(paginatePageNumber(client, describeThings, { Filter: 'f' } as never, pageFields));
    expect(requests).toEqual([
      { Filter: 'f' },
      { Filter: 'f', PageNumber: 2, PageSize: 3 },
      { Filter: 'f', PageNumber: 3, PageSize: 3 },
    ]);
  });

  it('learns the size from the page when the page does not name it', async () => {
    const { client, requests } = scripted([{ Items: items(1, 4) }, { Items: [] }]);
    await collect(paginatePageNumber(client, describeThings, {}, pageFields));
    expect(requests[1]).toEqual({ PageNumber: 2, PageSize: 4 });
  });

  it('names page 1 on the first request with a page size, or when the spec requires the number', async () => {
    const withSize = scripted([{ Items: [] }]);
    await collect(paginatePageNumber(withSize.client, describeThings, { PageSize: 5 }, pageFields));
    expect(withSize.requests).toEqual([{ PageSize: 5, PageNumber: 1 }]);
    const required = scripted([{ Items: [] }]);
    await collect(paginatePageNumber(required.client, describeThings, {}, { ...pageFields, pageNumberRequired: true }));
    expect(required.requests).toEqual([{ PageNumber: 1 }]);
  });

  it.each([
    [3, 3],
    ['3', 3],
    [3n, 3],
    [0, 1],
    [-2, 1],
    [' ', 1],
    ['', 1],
    ['x', 1],
    [Number.POSITIVE_INFINITY, 1],
    [null, 1],
  ])('starts from the input page number %o at page %i', async (given, first) => {
    const { client, requests } = scripted([{ Items: [] }]);
    await collect(paginatePageNumber(client, describeThings, { PageNumber: given, PageSize: 10 } as never, pageFields));
    expect(requests[0]?.PageNumber).toBe(first);
  });

  it('reads the page size from a numeric string', async () => {
    const { client, requests } = scripted([{ Items: items(1, 2) }, { Items: [] }]);
    await collect(paginatePageNumber(client, describeThings, { PageSize: '2' } as never, pageFields));
    expect(requests.map((r) => [r.PageNumber, r.PageSize])).toEqual([
      [1, '2'],
      [2, 2],
    ]);
  });

  it('passes the call options to every request', async () => {
    const { client, options } = scripted([{ Items: items(1, 2) }, { Items: [] }]);
    const callOptions = { timeout: 1234 } as CallOptions;
    await collect(paginatePageNumber(client, describeThings, { PageSize: 2 }, pageFields, callOptions));
    expect(options).toEqual([callOptions, callOptions]);
  });
});

describe('paginatePageNumber: stops', () => {
  it('at a page shorter than the size, and not at one as long as it', async () => {
    const { client, requests } = scripted([{ Items: items(1, 2) }, { Items: items(3, 1) }]);
    expect(await collect(paginatePageNumber(client, describeThings, { PageSize: 2 }, pageFields))).toEqual([1, 2, 3]);
    expect(requests).toHaveLength(2);
  });

  it('once page * size reaches the total, and not one item before', async () => {
    const exact = scripted((r) => ({ Items: items(((r.PageNumber as number) - 1) * 2 + 1, 2), Total: 4 }));
    expect(await collect(paginatePageNumber(exact.client, describeThings, { PageSize: 2 }, pageFields))).toEqual([
      1, 2, 3, 4,
    ]);
    expect(exact.requests).toHaveLength(2);
    const oneMore = scripted((r) => ({ Items: items(((r.PageNumber as number) - 1) * 2 + 1, 2), Total: 5 }));
    await collect(paginatePageNumber(oneMore.client, describeThings, { PageSize: 2 }, pageFields).pages()).then(
      (pages) => expect(pages.length).toBeGreaterThan(2),
    );
    expect(oneMore.requests.length).toBeGreaterThan(2);
  });

  it.each([
    ['a string', '4', 2],
    ['a bigint', 4n, 2],
    ['missing', undefined, 3],
    // A stated total of 0 is a total: page 1 already reaches it, whatever the page holds.
    ['zero', 0, 1],
    ['zero as a string', '0', 1],
    ['negative', -1, 3],
    ['empty', '', 3],
    // Blank is no number, not 0 (Number(' ') would be 0).
    ['blank', '  ', 3],
    ['not a number', 'many', 3],
  ])('reads a total that is %s', async (_name, Total, requestCount) => {
    const { client, requests } = scripted([
      { Items: items(1, 2), Total },
      { Items: items(3, 2), Total },
      { Items: [] },
    ]);
    await collect(paginatePageNumber(client, describeThings, { PageSize: 2 }, pageFields));
    expect(requests).toHaveLength(requestCount);
  });

  it('ignores a total the fields do not name', async () => {
    const { client, requests } = scripted([{ Items: items(1, 2), Total: 2 }, { Items: [] }]);
    const { total: _total, ...noTotal } = pageFields;
    await collect(paginatePageNumber(client, describeThings, { PageSize: 2 }, noTotal));
    expect(requests).toHaveLength(2);
  });

  it('at an empty page, which it yields', async () => {
    const { client } = scripted([{ Items: [] }]);
    expect(await collect(paginatePageNumber(client, describeThings, { PageSize: 2 }, pageFields).pages())).toEqual([
      { Items: [] },
    ]);
  });

  it('at a page that repeats the previous one, which it does not yield', async () => {
    const { client, requests } = scripted([
      { Items: items(1, 2), n: 1 },
      { Items: items(1, 2), n: 2 },
    ]);
    const pages = await collect(paginatePageNumber(client, describeThings, { PageSize: 2 }, pageFields).pages());
    expect(pages).toEqual([{ Items: [1, 2], n: 1 }]);
    expect(requests).toHaveLength(2);
  });

  it('reads items and totals by their whole wire name, own members only, and an absent list as empty', async () => {
    const dotted = scripted([{ 'Result.Items': items(1, 2), 'Result.Total': 2 }]);
    expect(
      await collect(
        paginatePageNumber(
          dotted.client,
          describeThings,
          { PageSize: 2 },
          {
            ...pageFields,
            items: 'Result.Items',
            total: 'Result.Total',
          },
        ),
      ),
    ).toEqual([1, 2]);
    expect(dotted.requests).toHaveLength(1);
    const inherited = scripted([Object.create({ Items: [1] }) as Page]);
    expect(await collect(paginatePageNumber(inherited.client, describeThings, { PageSize: 1 }, pageFields))).toEqual(
      [],
    );
    const notAList = scripted([{ Items: 'a,b' }]);
    expect(await collect(paginatePageNumber(notAList.client, describeThings, {}, pageFields))).toEqual([]);
    expect(notAList.requests).toHaveLength(1);
  });

  it('starts over from the input on each iteration', async () => {
    const { client, requests } = scripted((r) => ({ Items: r.PageNumber === 2 ? [] : [1] }));
    const paginator = paginatePageNumber(client, describeThings, { PageSize: 1 }, pageFields);
    expect(await collect(paginator)).toEqual([1]);
    expect(await collect(paginator)).toEqual([1]);
    expect(requests.map((r) => r.PageNumber)).toEqual([1, 2, 1, 2]);
  });
});

describe('paginateToken', () => {
  it('follows tokens, sending none on the first request without one', async () => {
    const { client, requests } = scripted([
      { Items: [1], NextToken: 't1' },
      { Items: [2], NextToken: 't2' },
      { Items: [3], NextToken: '' },
    ]);
    expect(await collect(paginateToken(client, describeThings, { Filter: 'f' } as never, tokenFields))).toEqual([
      1, 2, 3,
    ]);
    expect(requests).toEqual([{ Filter: 'f' }, { Filter: 'f', NextToken: 't1' }, { Filter: 'f', NextToken: 't2' }]);
  });

  it('sends no token for an empty input token', async () => {
    const { client, requests } = scripted([{ Items: [1] }]);
    await collect(paginateToken(client, describeThings, { NextToken: '' } as never, tokenFields));
    expect(requests).toEqual([{ NextToken: '' }]);
    expect(Object.keys(requests[0]!)).toEqual(['NextToken']);
  });

  it.each([
    ['no token', {}],
    ['a null token', { NextToken: null }],
    ['an empty token', { NextToken: '' }],
  ])('stops at %s', async (_name, extra) => {
    const { client, requests } = scripted([{ Items: [1], ...extra }, { Items: [2] }]);
    await collect(paginateToken(client, describeThings, {} as never, tokenFields));
    expect(requests).toHaveLength(1);
  });

  it('stops at a token it has seen, the input token included', async () => {
    const fromInput = scripted([{ Items: [1], NextToken: 'start' }]);
    await collect(paginateToken(fromInput.client, describeThings, { NextToken: 'start' } as never, tokenFields));
    expect(fromInput.requests).toEqual([{ NextToken: 'start' }]);
    const loop = scripted([
      { Items: [1], NextToken: 'a' },
      { Items: [2], NextToken: 'b' },
      { Items: [3], NextToken: 'a' },
    ]);
    expect(await collect(paginateToken(loop.client, describeThings, {} as never, tokenFields))).toEqual([1, 2, 3]);
    expect(loop.requests).toHaveLength(3);
  });

  it('stops at a page that repeats the previous one, without yielding it, but not at empty pages', async () => {
    const repeated = scripted([
      { Items: [1], NextToken: 'a' },
      { Items: [1], NextToken: 'b' },
    ]);
    expect(await collect(paginateToken(repeated.client, describeThings, {} as never, tokenFields))).toEqual([1]);
    const empties = scripted([{ Items: [], NextToken: 'a' }, { Items: [], NextToken: 'b' }, { Items: [7] }]);
    expect(await collect(paginateToken(empties.client, describeThings, {} as never, tokenFields))).toEqual([7]);
  });
});

describe('paginateOffset', () => {
  it('sends the first request as given, then the offset advanced by the items received', async () => {
    const { client, requests } = scripted([{ Items: items(1, 3) }, { Items: items(4, 2) }, { Items: [] }]);
    expect(await collect(paginateOffset(client, describeThings, { Filter: 'f' } as never, offsetFields))).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(requests).toEqual([{ Filter: 'f' }, { Filter: 'f', Offset: 3 }, { Filter: 'f', Offset: 5 }]);
  });

  it('names the offset on the first request when the input or the spec does', async () => {
    const given = scripted([{ Items: [] }]);
    await collect(paginateOffset(given.client, describeThings, { Offset: 0 } as never, offsetFields));
    expect(given.requests).toEqual([{ Offset: 0 }]);
    const fromString = scripted([{ Items: [] }]);
    await collect(paginateOffset(fromString.client, describeThings, { Offset: '4' } as never, offsetFields));
    expect(fromString.requests).toEqual([{ Offset: 4 }]);
    const required = scripted([{ Items: [] }]);
    await collect(paginateOffset(required.client, describeThings, {}, { ...offsetFields, offsetRequired: true }));
    expect(required.requests).toEqual([{ Offset: 0 }]);
    const negative = scripted([{ Items: [] }]);
    await collect(paginateOffset(negative.client, describeThings, { Offset: -3 } as never, offsetFields));
    expect(negative.requests).toEqual([{ Offset: 0 }]);
  });

  it('stops at a page shorter than the limit, and not at one as long as it', async () => {
    const { client, requests } = scripted([{ Items: items(1, 2) }, { Items: items(3, 1) }]);
    await collect(paginateOffset(client, describeThings, { Limit: 2 } as never, offsetFields));
    expect(requests).toHaveLength(2);
    const noLimit = scripted([{ Items: items(1, 2) }, { Items: items(3, 1) }, { Items: [] }]);
    await collect(paginateOffset(noLimit.client, describeThings, { Limit: 0 } as never, offsetFields));
    expect(noLimit.requests).toHaveLength(3);
  });

  it('stops once the offset reaches the total, and not one item before', async () => {
    const exact = scripted((r) => ({ Items: items(((r.Offset as number) ?? 0) + 1, 2), Total: 4 }));
    await collect(paginateOffset(exact.client, describeThings, { Limit: 2 } as never, offsetFields));
    expect(exact.requests).toHaveLength(2);
    const oneMore = scripted((r) => ({
      Items: (r.Offset ?? 0) === 4 ? [5] : items(((r.Offset as number) ?? 0) + 1, 2),
      Total: 5,
    }));
    await collect(paginateOffset(oneMore.client, describeThings, { Limit: 2 } as never, offsetFields));
    expect(oneMore.requests).toHaveLength(3);
    const { total: _total, ...noTotal } = offsetFields;
    const ignored = scripted([{ Items: items(1, 2), Total: 2 }, { Items: [] }]);
    await collect(paginateOffset(ignored.client, describeThings, {}, noTotal));
    expect(ignored.requests).toHaveLength(2);
  });

  it('stops at a page that repeats the previous one, without yielding it', async () => {
    const { client } = scripted([{ Items: [1, 2] }, { Items: [1, 2] }]);
    expect(await collect(paginateOffset(client, describeThings, {}, offsetFields))).toEqual([1, 2]);
  });
});
