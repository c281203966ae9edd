import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { VolcClient, VolcServiceError } from '../src/index.js';
import { paginateOffset, paginatePageNumber, paginateToken } from '../src/internal.js';
import { describeThings, type DescribeThingsInput, type DescribeThingsOutput } from './helpers/operations.js';
import { credentials, SecretWatch } from './helpers/secrets.js';
import { sendEnvelope, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';

const watch = new SecretWatch();
let server: TestServer;
let client: VolcClient;
const ALL = Array.from({ length: 23 }, (_, i) => `item-${i + 1}`);

function body(request: RecordedRequest): Record<string, unknown> {
  return JSON.parse(request.body) as Record<string, unknown>;
}

/** Pages ALL by PageNumber/PageSize, reporting Total. */
function pageNumberServer(options: { total?: boolean; stringTotal?: boolean } = {}) {
  return (request: RecordedRequest, response: import('node:http').ServerResponse) => {
    const { PageNumber = 1, PageSize = 10 } = body(request) as { PageNumber?: number; PageSize?: number };
    const items = ALL.slice((PageNumber - 1) * PageSize, PageNumber * PageSize);
    const result: Record<string, unknown> = { Items: items, PageNumber, PageSize };
    if (options.total !== false) result.Total = options.stringTotal ? String(ALL.length) : ALL.length;
    sendEnvelope(response, request, { result });
  };
}

beforeAll(async () => {
  server = await startServer(pageNumberServer());
  client = new VolcClient(
    { service: 'redis', global: false },
    { endpoint: server.url, credentials, logger: watch.logger(), logLevel: 'debug', maxAttempts: 1 },
  );
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  watch.assertClean();
});

const pageFields = { pageNumber: 'PageNumber', pageSize: 'PageSize', total: 'Total', items: 'Items' };

describe('paginatePageNumber', () => {
  it('yields every item across pages and stops at the total', async () => {
    server.setHandler(pageNumberServer());
    const items: string[] = [];
    for await (const item of paginatePageNumber<DescribeThingsInput, DescribeThingsOutput, string>(
      client,
      describeThings,
      { PageSize: 10 },
      pageFields,
    ))
      items.push(item);
    expect(items).toEqual(ALL);
    expect(server.requests.map((r) => body(r).PageNumber)).toEqual([1, 2, 3]);
  });

  it('stops when total is exactly reached without an extra empty request', async () => {
    server.setHandler(pageNumberServer());
    const pages = [];
    for await (const page of paginatePageNumber(client, describeThings, { PageSize: 23 }, pageFields).pages())
      pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.$metadata.Action).toBe('DescribeThings');
  });

  it('sends page 1 on the first request when the spec requires the page number, without a page size', async () => {
    server.setHandler(pageNumberServer());
    const items: string[] = [];
    const fields = { ...pageFields, pageNumberRequired: true };
    for await (const item of paginatePageNumber(client, describeThings, {}, fields)) items.push(item as string);
    expect(items).toEqual(ALL);
    expect(server.requests.map((r) => body(r).PageNumber)).toEqual([1, 2, 3]);
    // Without the flag, the first page goes out as given (the service's default size).
    server.requests.length = 0;
    for await (const _ of paginatePageNumber(client, describeThings, {}, pageFields));
    expect(body(server.requests[0]!).PageNumber).toBeUndefined();
  });

  it('starts at the input page number', async () => {
    server.setHandler(pageNumberServer());
    const items: unknown[] = [];
    for await (const item of paginatePageNumber(client, describeThings, { PageSize: 10, PageNumber: 2 }, pageFields))
      items.push(item);
    expect(items).toEqual(ALL.slice(10));
  });

  it('without a total, stops at a short page; without a page size, learns it from the first page', async () => {
    server.setHandler(pageNumberServer({ total: false }));
    const items: unknown[] = [];
    for await (const item of paginatePageNumber(
      client,
      describeThings,
      { PageSize: 10 },
      { pageNumber: 'PageNumber', pageSize: 'PageSize', items: 'Items' },
    ))
      items.push(item);
    expect(items).toHaveLength(23);
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    server.setHandler((request, response) => {
      const { PageNumber = 1 } = body(request) as { PageNumber?: number };
      sendEnvelope(response, request, { result: { Items: ALL.slice((PageNumber - 1) * 10, PageNumber * 10) } });
    });
    const more: unknown[] = [];
    for await (const item of paginatePageNumber(
      client,
      describeThings,
      {},
      { pageNumber: 'PageNumber', pageSize: 'PageSize', items: 'Items' },
    ))
      more.push(item);
    expect(more).toHaveLength(23);
    // The first page goes as the caller wrote it; later ones name both page number and the learned size,
    // so a rule such as "PageNumber requires PageSize" holds. The third page is short: no fourth request.
    expect(server.requests.map((r) => body(r))).toEqual([
      {},
      { PageNumber: 2, PageSize: 10 },
      { PageNumber: 3, PageSize: 10 },
    ]);
  });

  it('reads a total sent as a string', async () => {
    server.setHandler(pageNumberServer({ stringTotal: true }));
    const items: unknown[] = [];
    for await (const item of paginatePageNumber(client, describeThings, { PageSize: 5 }, pageFields)) items.push(item);
    expect(items).toEqual(ALL);
    expect(server.requests).toHaveLength(5);
  });

  it('is lazy, restartable, and passes errors through', async () => {
    server.setHandler(pageNumberServer());
    const paginator = paginatePageNumber(client, describeThings, { PageSize: 10 }, pageFields);
    expect(server.requests).toHaveLength(0);
    for await (const item of paginator) {
      expect(item).toBe('item-1');
      break;
    }
    expect(server.requests).toHaveLength(1);
    let count = 0;
    for await (const _ of paginator) count++;
    expect(count).toBe(23);

    server.setHandler((request, response) =>
      sendEnvelope(response, request, { status: 400, error: { Code: 'InvalidParameter', Message: 'no' } }),
    );
    const error = await watch.rejection(
      (async () => {
        for await (const _ of paginator) {
          // nothing
        }
      })(),
    );
    expect(error).toBeInstanceOf(VolcServiceError);
  });
});

describe('paginateToken', () => {
  const tokenFields = { inputToken: 'NextToken', outputToken: 'NextToken', items: 'Items' };
  function tokenServer(repeatAt?: string) {
    return (request: RecordedRequest, response: import('node:http').ServerResponse) => {
      const token = body(request).NextToken as string | undefined;
      const start = token ? Number(token.slice(1)) : 0;
      const next = start + 10 < ALL.length ? `t${start + 10}` : '';
      sendEnvelope(response, request, {
        result: { Items: ALL.slice(start, start + 10), NextToken: repeatAt && token === repeatAt ? repeatAt : next },
      });
    };
  }

  it('follows tokens until an empty one', async () => {
    server.setHandler(tokenServer());
    const items: unknown[] = [];
    for await (const item of paginateToken(client, describeThings, {}, tokenFields)) items.push(item);
    expect(items).toEqual(ALL);
    expect(server.requests.map((r) => body(r).NextToken)).toEqual([undefined, 't10', 't20']);
  });

  it('starts from the input token', async () => {
    server.setHandler(tokenServer());
    const items: unknown[] = [];
    for await (const item of paginateToken(client, describeThings, { NextToken: 't20' }, tokenFields)) items.push(item);
    expect(items).toEqual(ALL.slice(20));
  });

  it('stops when the server repeats a token', async () => {
    server.setHandler(tokenServer('t10'));
    const pages: unknown[] = [];
    for await (const page of paginateToken(client, describeThings, {}, tokenFields).pages()) pages.push(page);
    expect(pages).toHaveLength(2);
  });
});

describe('paginateOffset', () => {
  const offsetFields = { offset: 'Offset', limit: 'Limit', total: 'Total', items: 'Items' };

  /** Pages ALL by Offset/Limit (server default limit 10), reporting Total. */
  function offsetServer(options: { total?: boolean } = {}) {
    return (request: RecordedRequest, response: import('node:http').ServerResponse) => {
      const { Offset = 0, Limit = 10 } = body(request) as { Offset?: number; Limit?: number };
      const result: Record<string, unknown> = { Items: ALL.slice(Offset, Offset + Limit) };
      if (options.total !== false) result.Total = ALL.length;
      sendEnvelope(response, request, { result });
    };
  }

  it('advances the offset by the items received and stops at the total', async () => {
    server.setHandler(offsetServer());
    const items: unknown[] = [];
    for await (const item of paginateOffset(client, describeThings, { Limit: 10 }, offsetFields)) items.push(item);
    expect(items).toEqual(ALL);
    expect(server.requests.map((r) => body(r).Offset)).toEqual([undefined, 10, 20]);
  });

  it('sends offset 0 on the first request when the spec requires the offset', async () => {
    server.setHandler(offsetServer());
    const items: unknown[] = [];
    const fields = { ...offsetFields, offsetRequired: true };
    for await (const item of paginateOffset(client, describeThings, { Limit: 10 }, fields)) items.push(item);
    expect(items).toEqual(ALL);
    expect(server.requests.map((r) => body(r).Offset)).toEqual([0, 10, 20]);
  });

  it('starts at the input offset and, without a total, stops at a short page', async () => {
    server.setHandler(offsetServer({ total: false }));
    const pages: unknown[] = [];
    for await (const page of paginateOffset(
      client,
      describeThings,
      { Offset: 5, Limit: 10 },
      { offset: 'Offset', limit: 'Limit', items: 'Items' },
    ).pages())
      pages.push(page);
    expect(pages).toHaveLength(2);
    expect(server.requests.map((r) => body(r).Offset)).toEqual([5, 15]);
  });

  it('without a limit, stops at an empty page or the total', async () => {
    server.setHandler(offsetServer());
    const items: unknown[] = [];
    for await (const item of paginateOffset(client, describeThings, {}, offsetFields)) items.push(item);
    expect(items).toHaveLength(ALL.length);
    expect(server.requests).toHaveLength(3);
  });
});
