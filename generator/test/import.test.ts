import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS from 'openapi-typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { detectPagination, importCatalog, summaryFromName } from '../src/import/index.js';
import type { Catalog, CatalogShape } from '../src/import/catalog.js';
import { serviceNames } from '../src/import/display-names.js';
import { serviceInfo } from '../src/import/skeleton.js';

const fixtures = new URL('./fixtures/import/', import.meta.url);
const catalogFile = new URL('shop.json', fixtures).pathname;
const handwrittenFile = new URL('handwritten.yaml', fixtures).pathname;
const goldenFile = new URL('shop.expected.yaml', fixtures).pathname;
const repoRoot = new URL('../../', import.meta.url).pathname;

// biome-ignore lint/suspicious/noExplicitAny: reads deep into imported YAML of any shape
type Json = Record<string, any>;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'volc-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function importFresh(): Promise<{ spec: string; text: string; doc: Json }> {
  const spec = join(dir, 'shop.yaml');
  await importCatalog(catalogFile, spec);
  const text = await readFile(spec, 'utf8');
  return { spec, text, doc: parse(text) as Json };
}

function operation(doc: Json, name: string): Json {
  const item = doc.paths[`/?Action=${name}&Version=2024-01-01`];
  expect(item, `path of ${name}`).toBeDefined();
  return (item.post ?? item.get) as Json;
}

/** The lines of `before`, in order, are all in `after`: the import only inserted lines. Returns the inserted ones. */
function insertedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const inserted: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < old.length && line === old[i]) i += 1;
    else inserted.push(line);
  }
  expect(i, `line ${i + 1} of the original (${JSON.stringify(old[i])}) is missing or changed`).toBe(old.length);
  return inserted;
}

describe('importCatalog into a new spec', () => {
  it('writes every action, sorted, with the documented operation layout', async () => {
    const result = await importCatalog(catalogFile, join(dir, 'shop.yaml'));
    const doc = parse(await readFile(join(dir, 'shop.yaml'), 'utf8')) as Json;

    const names = ['CreateOrder', 'DeleteOrder', 'DescribeDBRegions', 'DescribeItems', 'ListOrders', 'SignIn'];
    expect(result.added).toEqual(names);
    expect(result.kept).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(names.map((name) => `/?Action=${name}&Version=2024-01-01`));

    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ version: '2024-01-01', license: { name: 'MIT' } });
    expect(doc.servers).toEqual([
      {
        url: 'https://shop.{region}.volcengineapi.com',
        description: 'Regional endpoint.',
        variables: { region: { default: 'cn-beijing', description: expect.any(String) } },
      },
    ]);
    expect(doc.security).toEqual([{ volcSignature: [] }]);
    expect(Object.keys(doc.components)).toEqual(['securitySchemes', 'responses', 'schemas']);
    expect(doc.components.responses.Error.content['application/json'].schema.required).toEqual(['ResponseMetadata']);
  });

  it('maps POST JSON, GET and form POST actions to their request shapes', async () => {
    const { doc } = await importFresh();

    const create = operation(doc, 'CreateOrder');
    expect(doc.paths['/?Action=CreateOrder&Version=2024-01-01'].post).toBeDefined();
    expect(create.operationId).toBe('CreateOrder');
    expect(create.summary).toBe('Create order.');
    expect(create.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateOrderRequest' } } },
    });
    expect(create['x-volc-query']).toBeUndefined();

    const items = doc.paths['/?Action=DescribeItems&Version=2024-01-01'].get as Json;
    expect(items['x-volc-query']).toBe('flattened');
    expect(items.requestBody).toBeUndefined();
    expect(items.parameters).toEqual([
      {
        name: 'Input',
        in: 'query',
        required: true, // ShopId is required
        style: 'form',
        explode: true,
        schema: { $ref: '#/components/schemas/DescribeItemsRequest' },
      },
    ]);
    expect(operation(doc, 'ListOrders').parameters[0].required).toBe(false);

    const signIn = operation(doc, 'SignIn');
    expect(Object.keys(signIn.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(signIn.requestBody.content['application/x-www-form-urlencoded'].schema).toEqual({
      $ref: '#/components/schemas/SignInRequest',
    });
  });

  it('wraps Result in the response envelope, and uses a free-form object for an empty output', async () => {
    const { doc } = await importFresh();
    expect(operation(doc, 'CreateOrder').responses).toEqual({
      '200': {
        description: expect.any(String),
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['ResponseMetadata'],
              properties: {
                ResponseMetadata: { $ref: '#/components/schemas/ResponseMetadata' },
                Result: { $ref: '#/components/schemas/CreateOrderResponse' },
              },
            },
          },
        },
      },
      default: { $ref: '#/components/responses/Error' },
    });
    const deleteResult = operation(doc, 'DeleteOrder').responses['200'].content['application/json'].schema.properties
      .Result;
    expect(deleteResult).toEqual({ type: 'object' });
    expect(doc.components.schemas.DeleteOrderResponse).toBeUndefined();
  });

  it('maps every catalog type, keeps member order and required members', async () => {
    const { doc } = await importFresh();
    const schemas = doc.components.schemas as Json;
    const request = schemas.CreateOrderRequest as Json;
    expect(Object.keys(request.properties)).toEqual([
      'ClientToken',
      'Items',
      'Labels',
      'Note',
      'Express',
      'Channel',
      'Tags',
    ]);
    expect(request.properties).toEqual({
      ClientToken: { type: 'string' },
      Items: { type: 'array', items: { $ref: '#/components/schemas/ItemForCreateOrderInput' } },
      Labels: { type: 'object', additionalProperties: { type: 'string' } },
      Note: { description: 'Any JSON value.' },
      Express: { type: 'boolean' },
      Channel: { type: 'string', enum: ['Web', 'App'], 'x-volc-catalog-enum': ['Web', 'App', 'Web'] }, // the catalog lists Web twice
      Tags: { type: 'array', items: { type: 'string' } },
    });
    expect(request.required).toEqual(['Items']); // Ghost is not a member; Items is listed once
    expect(schemas.ItemForCreateOrderInput).toEqual({
      type: 'object',
      properties: {
        Sku: { type: 'string' },
        Quantity: { type: 'integer', format: 'int32' },
        Weight: { type: 'number', format: 'float' },
        Price: { type: 'number', format: 'double' },
        Serial: { type: 'integer', format: 'int64' },
        Batch: { type: 'integer', format: 'int64' },
        Score: { type: 'number' },
      },
      required: ['Sku'], // Quantity is required in the Node SDK only (go-crosscheck.json), so optional
      'x-volc-crosscheck': [
        {
          subject: 'required Quantity',
          node: 'required',
          go: 'optional',
          chosen: 'optional',
          reason: expect.stringContaining('left optional'),
        },
      ],
    });
    expect(schemas.OrderForListOrdersOutput.properties.Extra).toEqual({
      type: 'object',
      additionalProperties: { $ref: '#/components/schemas/ExtraForListOrdersOutput' },
    });
    expect(schemas.CreateOrderResponse.required).toBeUndefined();
    // ResponseMetadata first, then the catalog's shapes in sorted order; shapes only reached through a map are included.
    const names = Object.keys(schemas);
    expect(names[0]).toBe('ResponseMetadata');
    expect(names.slice(1)).toEqual([...names.slice(1)].sort());
    expect(names).toContain('ExtraForListOrdersOutput');
  });

  it('records pagination of both styles and the idempotency token', async () => {
    const { doc } = await importFresh();
    expect(operation(doc, 'ListOrders')['x-volc-pagination']).toEqual({
      style: 'page-number',
      pageNumber: 'PageNumber',
      pageSize: 'PageSize',
      total: 'TotalOrdersNum',
      items: 'Orders',
    });
    // Both styles fit DescribeItems; the token style wins.
    expect(operation(doc, 'DescribeItems')['x-volc-pagination']).toEqual({
      style: 'token',
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      pageSize: 'MaxResults',
      items: 'Items',
    });
    // MaxResults is a string there, so no page size is named.
    expect(operation(doc, 'DescribeDBRegions')['x-volc-pagination']).toEqual({
      style: 'token',
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      items: 'Regions',
    });
    expect(operation(doc, 'CreateOrder')['x-volc-pagination']).toBeUndefined();

    expect(operation(doc, 'CreateOrder')['x-volc-idempotency-token']).toBe('ClientToken');
    expect(operation(doc, 'DeleteOrder')['x-volc-idempotency-token']).toBeUndefined(); // ClientToken is a boolean there
    expect(operation(doc, 'ListOrders')['x-volc-idempotency-token']).toBeUndefined();
  });

  it('cleans enum values (trimmed, split on full-width commas, once each) and keeps the catalog list beside them', async () => {
    const { doc } = await importFresh();
    expect(doc.components.schemas.ListOrdersRequest.properties).toEqual({
      PageNumber: { type: 'integer', format: 'int32' },
      PageSize: { type: 'integer', format: 'int32' },
      Status: { type: 'string', enum: ['Open', 'Closed'] }, // clean already: nothing recorded
      SortOrder: { type: 'string', enum: ['Desc', 'Asc'], 'x-volc-catalog-enum': ['Desc', ' Asc'] },
      Metrics: {
        type: 'string',
        enum: ['MonthlyP95', 'DailyPeak', 'HourUsed'],
        'x-volc-catalog-enum': ['MonthlyP95，DailyPeak，HourUsed', ' DailyPeak'],
      },
    });
    // Imported lists are never marked confirmed: only a person closes an enum.
    expect(JSON.stringify(doc)).not.toContain('x-volc-enum-confirmed');
  });

  it('marks every operation idempotent or not: reads and ClientToken writes are', async () => {
    const { doc } = await importFresh();
    const marks = Object.fromEntries(
      ['CreateOrder', 'DeleteOrder', 'DescribeDBRegions', 'DescribeItems', 'ListOrders', 'SignIn'].map((name) => [
        name,
        operation(doc, name)['x-volc-idempotent'],
      ]),
    );
    expect(marks).toEqual({
      CreateOrder: true, // string ClientToken
      DeleteOrder: false, // its ClientToken is a boolean, not a token
      DescribeDBRegions: true,
      DescribeItems: true,
      ListOrders: true,
      SignIn: false,
    });
  });

  it('names the service in x-volc-service and picks a read-only example action callable with {}', async () => {
    const { doc } = await importFresh();
    expect(doc['x-volc-service']).toEqual({
      name: 'shop',
      package: 'shop',
      className: 'Shop',
      displayName: 'Shop',
      global: false,
      example: 'DescribeDBRegions', // DeleteOrder sorts first and may be called with {}, but it is not a read
    });
    expect(doc.info.title).toBe('Volcengine Shop');
  });

  it("records the Go SDK's disagreements for this package only, choosing what never refuses a valid call", async () => {
    const { doc } = await importFresh();
    expect(doc['x-volc-crosscheck']).toEqual([
      {
        subject: 'signing name',
        node: 'shop',
        go: 'shopping',
        chosen: 'shop',
        reason: expect.stringContaining("Node SDK's name"),
      },
    ]);
    expect(doc['x-volc-service'].name).toBe('shop');
    expect(operation(doc, 'SignIn')['x-volc-crosscheck']).toEqual({
      subject: 'method and body',
      node: 'POST form',
      go: 'GET query',
      chosen: 'POST form',
      reason: expect.stringContaining("Node SDK's method"),
    });
    expect(doc.paths['/?Action=SignIn&Version=2024-01-01'].post).toBeDefined();
    const list = doc.components.schemas.ListOrdersRequest;
    expect([list.required, list['x-volc-crosscheck']]).toEqual([
      undefined, // PageSize is required in Go only: still optional
      [
        {
          subject: 'required PageSize',
          node: 'optional',
          go: 'required',
          chosen: 'optional',
          reason: expect.any(String),
        },
      ],
    ]);
    expect(JSON.stringify(doc)).not.toContain('another'); // the other package's facts stay out
  });

  it('writes the same bytes as the golden file', async () => {
    const { text } = await importFresh();
    if (process.env.UPDATE_GOLDEN) await writeFile(goldenFile, text);
    expect(text).toBe(await readFile(goldenFile, 'utf8'));
  });

  it('imports only the named actions, and rejects names the catalog lacks', async () => {
    const spec = join(dir, 'shop.yaml');
    const result = await importCatalog(catalogFile, spec, { actions: ['SignIn'] });
    expect(result).toEqual({
      added: ['SignIn'],
      kept: [],
      shapesAdded: ['SessionForSignInOutput', 'SignInRequest', 'SignInResponse'],
    });
    const doc = parse(await readFile(spec, 'utf8')) as Json;
    expect(Object.keys(doc.paths)).toEqual(['/?Action=SignIn&Version=2024-01-01']);
    await expect(importCatalog(catalogFile, spec, { actions: ['SignOut'] })).rejects.toThrow(/no action SignOut/);
  });

  it('produces a document that Redocly lint and openapi-typescript accept', async () => {
    const { spec } = await importFresh();
    const redocly = join(repoRoot, 'node_modules/.bin/redocly');
    const { stdout, stderr } = await promisify(execFile)(
      redocly,
      ['lint', '--config', join(repoRoot, 'redocly.yaml'), '--format', 'stylish', spec],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    );
    expect(`${stdout}\n${stderr}`).not.toMatch(/\d+:\d+\s+(warning|error)/);

    const ast = await openapiTS(new URL(`file://${spec}`));
    expect(ast.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('importCatalog into an existing spec', () => {
  it('leaves an up-to-date spec byte-identical', async () => {
    const { spec, text } = await importFresh();
    const again = await importCatalog(catalogFile, spec);
    expect(again.added).toEqual([]);
    expect(again.shapesAdded).toEqual([]);
    expect(again.kept).toHaveLength(6);
    expect(await readFile(spec, 'utf8')).toBe(text);
  });

  it('keeps hand-written text, rules and comments byte for byte and only adds what is missing', async () => {
    const spec = join(dir, 'shop.yaml');
    const original = await readFile(handwrittenFile, 'utf8');
    await writeFile(spec, original);

    const result = await importCatalog(catalogFile, spec);
    const text = await readFile(spec, 'utf8');
    const inserted = insertedLines(original, text);
    expect(inserted.length).toBeGreaterThan(0);

    expect(result.kept).toEqual(['CreateOrder']);
    expect(result.added).toEqual(['DeleteOrder', 'DescribeDBRegions', 'DescribeItems', 'ListOrders', 'SignIn']);
    // The hand-written CreateOrderRequest stays as it is (no Labels, Tags...), but the schema it
    // refers to and that the spec lacked is mended from the catalog.
    expect(result.shapesAdded).toContain('ItemForCreateOrderInput');
    expect(result.shapesAdded).not.toContain('CreateOrderRequest');
    expect(result.shapesAdded).not.toContain('ResponseMetadata');

    const doc = parse(text) as Json;
    const before = parse(original) as Json;
    expect(doc.components.schemas.CreateOrderRequest).toEqual(before.components.schemas.CreateOrderRequest);
    expect(doc.components.schemas.ResponseMetadata).toEqual(before.components.schemas.ResponseMetadata);
    expect(doc.paths['/?Action=CreateOrder&Version=2024-01-01']).toEqual(
      before.paths['/?Action=CreateOrder&Version=2024-01-01'],
    );
    // New paths are placed in name order around the hand-written one; new schemas go at the end.
    expect(Object.keys(doc.paths)[0]).toBe('/?Action=CreateOrder&Version=2024-01-01');
    expect(Object.keys(doc.components.schemas).slice(0, 3)).toEqual([
      'ResponseMetadata',
      'CreateOrderRequest',
      'CreateOrderResponse',
    ]);

    // And a second import changes nothing.
    await importCatalog(catalogFile, spec);
    expect(await readFile(spec, 'utf8')).toBe(text);
  });

  it('keeps edits made after an import when the catalog grows by an action', async () => {
    const { spec, text } = await importFresh();
    // A user documents an action, adds a rule and a comment.
    const edited = text
      .replace(
        '      summary: List orders.\n',
        '      summary: List the orders of the account.\n' +
          '      description: >-\n        Lists orders, newest first. Closed orders are kept for ninety days and then\n        disappear from the list.\n',
      )
      .replace(
        '        PageSize:\n          type: integer\n          format: int32\n',
        '        PageSize:\n          type: integer\n          format: int32\n          minimum: 1\n          maximum: 100 # the console allows 50\n',
      )
      .replace('paths:\n', '# Orders first.\npaths:\n');
    expect(edited).not.toBe(text);
    await writeFile(spec, edited);

    const catalog = JSON.parse(await readFile(catalogFile, 'utf8')) as Json;
    catalog.actions.push({
      name: 'CancelOrder',
      version: '2024-01-01',
      method: 'POST',
      contentType: 'application/json',
      input: 'CancelOrderRequest',
      output: 'CancelOrderResponse',
    });
    catalog.shapes.CancelOrderRequest = {
      type: 'object',
      members: { OrderId: { type: 'string' }, Reason: { ref: 'ReasonForCancelOrderInput' } },
      required: ['OrderId'],
    };
    catalog.shapes.ReasonForCancelOrderInput = {
      type: 'object',
      members: { Code: { type: 'string', enum: ['Late', 'Wrong'] } },
      required: [],
    };
    catalog.shapes.CancelOrderResponse = { type: 'object', members: { Refunded: { type: 'boolean' } }, required: [] };
    const grown = join(dir, 'shop-grown.json');
    await writeFile(grown, JSON.stringify(catalog));

    const result = await importCatalog(grown, spec);
    expect(result.added).toEqual(['CancelOrder']);
    expect(result.shapesAdded).toEqual(['CancelOrderRequest', 'CancelOrderResponse', 'ReasonForCancelOrderInput']);
    const after = await readFile(spec, 'utf8');
    const inserted = insertedLines(edited, after);
    // The inserted lines are the new path item and the three new schemas, nothing else.
    expect(inserted.filter((line) => /^ {2}\S/.test(line))).toEqual(['  /?Action=CancelOrder&Version=2024-01-01:']);
    expect(inserted.filter((line) => /^ {4}\S/.test(line))).toEqual([
      '    post:',
      '    CancelOrderRequest:',
      '    CancelOrderResponse:',
      '    ReasonForCancelOrderInput:',
    ]);
    const doc = parse(after) as Json;
    expect(Object.keys(doc.paths).slice(0, 2)).toEqual([
      '/?Action=CancelOrder&Version=2024-01-01',
      '/?Action=CreateOrder&Version=2024-01-01',
    ]);
    expect(Object.keys(doc.components.schemas).slice(-3)).toEqual([
      'CancelOrderRequest',
      'CancelOrderResponse',
      'ReasonForCancelOrderInput',
    ]);
    expect(after).toContain('maximum: 100 # the console allows 50');
    expect(after).toContain('# Orders first.\npaths:\n');
  });

  it('fills a spec that holds only comments, keeping them', async () => {
    const spec = join(dir, 'shop.yaml');
    await writeFile(spec, '# Shop service, imported from the catalog.\n');
    await importCatalog(catalogFile, spec, { actions: ['SignIn'] });
    const text = await readFile(spec, 'utf8');
    expect(text.startsWith('# Shop service, imported from the catalog.\nopenapi: 3.1.0\n')).toBe(true);
    expect(Object.keys((parse(text) as Json).paths)).toEqual(['/?Action=SignIn&Version=2024-01-01']);
  });

  it('adds into an empty `paths: {}` map', async () => {
    const { spec } = await importFresh();
    const emptied = (await readFile(spec, 'utf8')).replace(
      /\npaths:\n[\s\S]*?\ncomponents:/,
      '\npaths: {}\ncomponents:',
    );
    await writeFile(spec, emptied);
    const result = await importCatalog(catalogFile, spec, { actions: ['SignIn'] });
    expect(result.added).toEqual(['SignIn']);
    expect(Object.keys((parse(await readFile(spec, 'utf8')) as Json).paths)).toEqual([
      '/?Action=SignIn&Version=2024-01-01',
    ]);
  });

  it('refuses the spec of another package and reports YAML errors with file:line:column', async () => {
    const spec = join(dir, 'other.yaml');
    await writeFile(spec, 'openapi: 3.1.0\nx-volc-service:\n  package: redis\npaths: {}\n');
    await expect(importCatalog(catalogFile, spec)).rejects.toThrow(/spec of package redis, not shop/);

    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'openapi: 3.1.0\npaths:\n  a: [1, 2\n');
    await expect(importCatalog(catalogFile, broken)).rejects.toThrow(/broken\.yaml:\d+:\d+: /);
    expect(await readFile(broken, 'utf8')).toBe('openapi: 3.1.0\npaths:\n  a: [1, 2\n');
  });
});

describe('detectPagination', () => {
  const shape = (members: CatalogShape['members']): CatalogShape => ({ type: 'object', members, required: [] });
  const int = { type: 'number', format: 'int32' } as const;
  const str = { type: 'string' } as const;
  const list = { type: 'array', items: { type: 'string' } } as const;

  it('recognises page-number variants used in the catalog', () => {
    expect(detectPagination(shape({ PageNumber: int, PageSize: int }), shape({ Total: int, Backups: list }))).toEqual({
      style: 'page-number',
      pageNumber: 'PageNumber',
      pageSize: 'PageSize',
      total: 'Total',
      items: 'Backups',
    });
    expect(
      detectPagination(shape({ PageNum: int, PageSize: int }), shape({ TotalCount: int, Data: list, PageNum: int })),
    ).toMatchObject({
      pageNumber: 'PageNum',
      total: 'TotalCount',
      items: 'Data',
    });
    expect(detectPagination(shape({ page: int, limit: int }), shape({ total_count: int, items: list }))).toMatchObject({
      style: 'page-number',
      pageNumber: 'page',
      pageSize: 'limit',
      total: 'total_count',
    });
    expect(
      detectPagination(shape({ PageNumber: int, PageSize: int }), shape({ TotalJobsNumber: int, JobList: list })),
    ).toMatchObject({
      total: 'TotalJobsNumber',
    });
  });

  it('recognises Offset/Limit/Total paging, as the IAM lists use', () => {
    expect(
      detectPagination(
        shape({ Limit: int, Offset: int, UserName: str }),
        shape({ Total: int, Users: list, Limit: int, Offset: int }),
      ),
    ).toEqual({
      style: 'offset',
      offset: 'Offset',
      limit: 'Limit',
      total: 'Total',
      items: 'Users',
    });
  });

  it('does not guess', () => {
    // No total, or a total that is not a count.
    expect(detectPagination(shape({ PageNumber: int, PageSize: int }), shape({ Items: list }))).toBeUndefined();
    expect(
      detectPagination(shape({ PageNumber: int, PageSize: int }), shape({ TotalSize: int, Items: list })),
    ).toBeUndefined();
    // Two lists, or the list one level down.
    expect(
      detectPagination(shape({ PageNumber: int, PageSize: int }), shape({ Total: int, A: list, B: list })),
    ).toBeUndefined();
    expect(
      detectPagination(shape({ PageNumber: int, PageSize: int }), shape({ Total: int, Page: { ref: 'PageForX' } })),
    ).toBeUndefined();
    // String page numbers, PageIndex (0- or 1-based?), offset paging without a total.
    expect(
      detectPagination(shape({ PageNumber: str, PageSize: int }), shape({ Total: int, Items: list })),
    ).toBeUndefined();
    expect(
      detectPagination(shape({ PageIndex: int, PageSize: int }), shape({ Total: int, Items: list })),
    ).toBeUndefined();
    expect(detectPagination(shape({ Offset: int, Limit: int }), shape({ Items: list }))).toBeUndefined();
    // A token in only one direction.
    expect(detectPagination(shape({ NextToken: str, MaxResults: int }), shape({ Items: list }))).toBeUndefined();
  });
});

describe('service names and hosts of new specs', () => {
  it('reads class and display names as words, keeping a version suffix', () => {
    expect(serviceNames('rdsmysqlv2')).toEqual({ className: 'RdsMysqlV2', displayName: 'RDS for MySQL' });
    expect(serviceNames('i18nopenapi')).toEqual({ className: 'I18nOpenApi', displayName: 'I18n OpenAPI' });
    expect(serviceNames('certificateservice')).toEqual({
      className: 'CertificateService',
      displayName: 'Certificate Service',
    });
    expect(serviceNames('advdefence20230308')).toEqual({
      className: 'AdvDefence20230308',
      displayName: 'Anti-DDoS Advanced (API 2023-03-08)',
    });
    expect(serviceNames('rcs5g')).toEqual({ className: 'Rcs5g', displayName: 'RCS 5G Messaging' });
    // Outside the table: the words of a signing name that has several, else the folder name.
    expect(serviceNames('mlplatform20240701', 'ml_platform')).toEqual({
      className: 'MlPlatform20240701',
      displayName: 'Ml Platform (API 2024-07-01)',
    });
    expect(serviceNames('tidb', 'tidb')).toEqual({ className: 'Tidb', displayName: 'Tidb' });
  });

  it('writes hosts as DNS names, global hosts without a region, and open.volcengineapi.com for services the official table lacks', () => {
    const catalog = (service: string, endpoint: Catalog['endpoint']): Catalog => ({
      package: service.replaceAll('_', ''),
      service,
      versions: ['2024-01-01'],
      endpoint,
      actions: [],
      shapes: {},
    });
    expect(serviceInfo(catalog('rds_mysql', { inSdkCoreTable: true, isGlobal: false })).host).toBe(
      'rds-mysql.{region}.volcengineapi.com',
    );
    expect(serviceInfo(catalog('certificate_service', { inSdkCoreTable: true, isGlobal: true })).host).toBe(
      'certificate-service.volcengineapi.com',
    );
    const unlisted = serviceInfo(catalog('rcs_5g', { inSdkCoreTable: false }));
    expect([unlisted.host, unlisted.fixedHost, unlisted.name]).toEqual([
      'open.volcengineapi.com',
      'open.volcengineapi.com',
      'rcs_5g',
    ]);
  });
});

describe('summaryFromName', () => {
  it('writes a sentence and keeps acronyms', () => {
    expect(summaryFromName('DescribeDBInstances')).toBe('Describe DB instances.');
    expect(summaryFromName('ModifyDBInstanceVpcAuthMode')).toBe('Modify DB instance VPC auth mode.');
    expect(summaryFromName('DescribeIpv6Gateways')).toBe('Describe IPv6 gateways.');
    expect(summaryFromName('CreateOAuthProvider')).toBe('Create OAuth provider.');
    expect(summaryFromName('AssumeRole')).toBe('Assume role.');
    expect(summaryFromName('DescribeHaVips')).toBe('Describe HA VIPs.');
    expect(summaryFromName('ListGatewayLBs')).toBe('List gateway LBs.');
    expect(summaryFromName('CreateO11yAgentECSDeployTask')).toBe('Create O11y agent ECS deploy task.');
    expect(summaryFromName('URL2VIDGetResult')).toBe('URL2 VID get result.');
    expect(summaryFromName('I2iMultiStyleZX2xSubmitTask')).toBe('I2i multi style ZX2x submit task.');
  });
});
