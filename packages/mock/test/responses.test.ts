import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CORE_SCHEMA, load } from 'js-yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import { sampleFromSchema } from '../src/response/sample.js';
import { FORMATS } from '../src/validation/formats.js';
import { describeBackups, SEED_SAMPLE, signAndSend } from './helpers.js';
import { ciSeed, ciSelection } from '../../../scripts/ci-sample.mjs';

const repoSpec = fileURLToPath(new URL('../../../spec/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ spec: [repoSpec, fixtures] });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe('answers', () => {
  it('serve the operation example Result, with fresh metadata', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: reads deep into the spec's YAML
    const spec = load(readFileSync(`${repoSpec}redis.yaml`, 'utf8'), { schema: CORE_SCHEMA }) as any;
    const example =
      spec.paths['/?Action=DescribeCrossRegionBackups&Version=2020-12-07'].post.responses['200'].content[
        'application/json'
      ].examples.sample.value;
    const first = await signAndSend(mock.url, describeBackups(SEED_SAMPLE));
    const second = await signAndSend(mock.url, describeBackups(SEED_SAMPLE));
    expect(first.json.Result).toEqual(example.Result);
    expect(first.json.ResponseMetadata).toMatchObject({
      Action: 'DescribeCrossRegionBackups',
      Version: '2020-12-07',
      Service: 'redis',
      Region: 'cn-beijing',
    });
    expect(first.json.ResponseMetadata.RequestId).not.toBe(example.ResponseMetadata.RequestId);
    expect(first.json.ResponseMetadata.RequestId).not.toBe(second.json.ResponseMetadata.RequestId);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('build a Result from the schema when there is no example (nested lists, minLength, cycles cut)', async () => {
    const answer = await signAndSend(mock.url, {
      method: 'GET',
      service: 'ecsfixture',
      action: 'DescribeInstances',
      version: '2020-04-01',
    });
    expect(answer.status).toBe(200);
    expect(answer.json.Result).toEqual({
      NextToken: '',
      Instances: [
        {
          InstanceId: 'string',
          Status: 'RUNNING',
          Cpus: 1,
          CreatedAt: '2025-01-01T00:00:00Z',
          Tags: [{ Key: 'stringxxxx', Value: 'string' }],
        },
      ],
    });
  });
});

describe('schema-built results', () => {
  const catalog = loadCatalog([repoSpec, fixtures]);
  // The hand-written specs, the fixtures and the day's rotation of imported specs (scripts/ci-sample.mjs):
  // every imported spec is built by the same code, and all 4,900 results take ~15 s of blocking work.
  const specName = (path: string) => basename(path).replace(/\.(ya?ml|json)$/, '');
  const all = [...catalog.all()];
  const chosen = new Set(
    ciSelection([
      ...new Set(all.filter((def) => def.specPath.startsWith(repoSpec)).map((def) => specName(def.specPath))),
    ]),
  );
  const defs = all.filter(
    (def) => def.resultSchema && (!def.specPath.startsWith(repoSpec) || chosen.has(specName(def.specPath))),
  );

  it('exist for the actions of the repository spec', () => {
    expect(defs.length).toBeGreaterThan(3);
  });

  it(`are valid against the response schema, for every action of the sampled specs and the fixtures (VOLC_CI_SEED=${ciSeed()})`, async () => {
    // One schema resource per document, holding its components and every result schema, so local refs resolve.
    const ajv = new Ajv2020({ strict: false, logger: false, formats: FORMATS });
    const documents = [...new Set(defs.map((def) => def.document))];
    documents.forEach((document, index) => {
      const results = Object.fromEntries(
        defs.filter((def) => def.document === document).map((def) => [def.action, def.resultSchema]),
      );
      ajv.addSchema({ $id: `doc${index}`, components: document.components ?? {}, results });
    });
    for (const [index, def] of defs.entries()) {
      // Yield now and then: a long blocking loop lets the mock's idle keep-alive sockets expire unseen,
      // and the next test's request then meets a connection reset.
      if (index % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
      const validate = ajv.getSchema(`doc${documents.indexOf(def.document)}#/results/${def.action}`);
      const value = sampleFromSchema(def.resultSchema, def.document);
      expect(validate?.(value), `${def.service} ${def.action}: ${JSON.stringify(validate?.errors)}`).toBe(true);
      expect(sampleFromSchema(def.resultSchema, def.document)).toEqual(value);
    }
  });
});

describe('paginated listing over a dataset', () => {
  const backups = Array.from({ length: 25 }, (_, i) => ({
    BackupPointId: `b-${String(i + 1).padStart(2, '0')}`,
    Status: 'Available',
  }));

  it('serves page-number pages with Total', async () => {
    mock.setItems('DescribeCrossRegionBackups', backups);
    const page = async (n: number) =>
      (await signAndSend(mock.url, describeBackups({ Scope: 'AccountInstances', PageNumber: n, PageSize: 10 }))).json
        .Result;
    const pages = [await page(1), await page(2), await page(3), await page(4)];
    expect(pages.map((p) => p.Backups.length)).toEqual([10, 10, 5, 0]);
    expect(pages.every((p) => p.Total === 25)).toBe(true);
    expect(pages.flatMap((p) => p.Backups)).toEqual(backups);
  });

  it('uses page 1 and a page size of 10 when the request names none', async () => {
    mock.setItems('DescribeCrossRegionBackups', backups, { service: 'redis' });
    const result = (await signAndSend(mock.url, describeBackups({ Scope: 'AccountInstances' }))).json.Result;
    expect(result.Backups.map((b: { BackupPointId: string }) => b.BackupPointId)).toEqual(
      backups.slice(0, 10).map((b) => b.BackupPointId),
    );
  });

  it('pages the example items when no dataset is set, and forgets datasets on reset', async () => {
    mock.setItems('DescribeCrossRegionBackups', backups);
    mock.reset();
    const first = (await signAndSend(mock.url, describeBackups(SEED_SAMPLE))).json.Result;
    const second = (await signAndSend(mock.url, describeBackups({ ...SEED_SAMPLE, PageNumber: 2 }))).json.Result;
    expect([first.Backups.length, first.Total, second.Backups.length, second.Total]).toEqual([1, 1, 0, 1]);
  });

  it('serves token pages, with an empty token on the last page', async () => {
    const instances = Array.from({ length: 7 }, (_, i) => ({ InstanceId: `i-${i}` }));
    mock.setItems('DescribeInstances', instances);
    const seen: string[] = [];
    const tokens: string[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { MaxResults: '3', ...(token ? { NextToken: token } : {}) };
      const result = (
        await signAndSend(mock.url, {
          method: 'GET',
          service: 'ecsfixture',
          action: 'DescribeInstances',
          version: '2020-04-01',
          query,
        })
      ).json.Result;
      seen.push(...result.Instances.map((i: { InstanceId: string }) => i.InstanceId));
      token = result.NextToken;
      tokens.push(result.NextToken);
    } while (token);
    expect(seen).toEqual(instances.map((i) => i.InstanceId));
    expect(tokens).toEqual(['3', '6', '']);
  });

  it('rejects a token it did not issue', async () => {
    mock.setItems('DescribeInstances', [{ InstanceId: 'i-1' }]);
    const answer = await signAndSend(mock.url, {
      method: 'GET',
      service: 'ecsfixture',
      action: 'DescribeInstances',
      version: '2020-04-01',
      query: { NextToken: 'bogus' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.ResponseMetadata.Error.Code).toBe('InvalidParameter');
    expect(answer.json.ResponseMetadata.Error.Message).toContain('NextToken');
  });
});
