/**
 * A member's name in a spec is its wire name. names.yaml has names that are no JavaScript identifiers
 * (`PodsConfig.PodNetworkMode`, `dc-name`, `2xx`, `Disk Size`) and names of Object.prototype members
 * (`constructor`, `toString`, `__proto__`, `prototype`, ...), optional ones included. The generated package
 * must type-check with calls that use and leave out such members, validate them, send them exactly as
 * named (query, JSON) and page by them, and volc-mock must read them back as the same members.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VolcClient } from '@volc-ts/core';
import { startMockServer, type MockServer } from '@volc-ts/mock';
import { generate } from '../src/index.js';
import { tempDir } from './helpers.js';

const FIXTURE = 'generator/test/fixtures/names.yaml';
const out = tempDir('names');
generate({ spec: FIXTURE, out });
const operations = join(out, 'names', 'src', 'operations');

type Issue = { path: string; message: string };
type Validator = (input: unknown) => Issue[];
type Operation = { action: string; validate: Validator };
type Paginate = (client: unknown, input: Record<string, unknown>) => AsyncIterable<Record<string, unknown>>;

const describePods = (await import(join(operations, 'describe-pods.ts'))) as {
  validateDescribePodsRequest: Validator;
  describePodsOperation: Operation;
  paginateDescribePods: Paginate;
};
const updatePod = (await import(join(operations, 'update-pod.ts'))) as {
  validateUpdatePodRequest: Validator;
  updatePodOperation: Operation;
};
const messages = (validate: Validator, input: unknown) => validate(input).map((i) => `${i.path}: ${i.message}`);

/** An object with an own member named `__proto__`, as JSON.parse makes it (a literal would set the prototype). */
const withProto = (members: Record<string, unknown>, proto: unknown) => {
  const value = { ...members };
  Object.defineProperty(value, '__proto__', { value: proto, enumerable: true, writable: true, configurable: true });
  return value;
};

// Calls a TypeScript user writes: each must compile, and each marked @ts-expect-error must not.
const USAGE = `
import { NamesClient, paginateDescribePods, type DescribePodsRequest, type UpdatePodRequest } from './names/src/index.js';

const client = new NamesClient({ region: 'cn-beijing' });
export async function accepted() {
  await client.describePods();
  await client.describePods({ 'PodsConfig.PodNetworkMode': 'bridge', '2xx': 1 });
  await client.describePods({ 'PodsConfig.PodNetworkMode': 'host', 'Disk Size': { 'Size (GB)': 2 } });
  await client.describePods({ constructor: 'c', prototype: 'p', 'dc-name': 'a', '2xx': 0 });
  await client.updatePod({ 'Pod.Id': 'x' });
  await client.updatePod({ 'Pod.Id': 'x', toString: 't', valueOf: 1, hasOwnProperty: true, ['__proto__']: 'p' });
  const input: UpdatePodRequest = { 'Pod.Id': 'x', constructor: 'c' };
  const empty: DescribePodsRequest = {};
  for await (const pod of paginateDescribePods(client, empty)) console.log(pod['Pod.Id'], pod.constructor);
  return input;
}
export async function refused() {
  // @ts-expect-error dc-name requires 2xx
  await client.describePods({ 'dc-name': 'a' });
  // @ts-expect-error host requires Disk Size
  await client.describePods({ 'PodsConfig.PodNetworkMode': 'host' });
  // @ts-expect-error toString requires valueOf
  await client.updatePod({ 'Pod.Id': 'x', toString: 't' });
  // @ts-expect-error Pod.Id is required
  await client.updatePod({ constructor: 'c' });
  // @ts-expect-error a confirmed enum is closed
  await client.describePods({ 'PodsConfig.PodNetworkMode': 'none' });
}
`;

describe('a spec whose member names need quoting or are named like Object.prototype members', () => {
  it('generates a package that type-checks, with calls that set, leave out and break them', () => {
    writeFileSync(join(out, 'usage.ts'), USAGE);
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../../tsconfig.base.json',
        compilerOptions: {
          noEmit: true,
          types: ['node'],
          paths: {
            '@volc-ts/core/errors': ['../../../../packages/core/src/errors.ts'],
            '@volc-ts/core/internal': ['../../../../packages/core/src/internal.ts'],
            '@volc-ts/*': ['../../../../packages/*/src/index.ts'],
          },
        },
        include: ['names/src', 'names/examples', 'usage.ts'],
      }),
    );
    const project = new Project({ tsConfigFilePath: join(out, 'tsconfig.json') });
    const diagnostics = project
      .getPreEmitDiagnostics()
      .map((d) => `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()}: ${String(d.getMessageText())}`);
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it('validates each member by its exact name', () => {
    const validate = describePods.validateDescribePodsRequest;
    expect(messages(validate, {})).toEqual([]);
    expect(
      messages(validate, {
        'PodsConfig.PodNetworkMode': 'host',
        'Disk Size': { 'Size (GB)': 1 },
        'dc-name': 'abc',
        '2xx': 0,
        'Page-Number': 1,
        'Page.Size': 10,
        constructor: 'c',
        prototype: 'p',
      }),
    ).toEqual([]);
    expect(messages(validate, { 'PodsConfig.PodNetworkMode': 'none' })).toEqual([
      'PodsConfig.PodNetworkMode: must be one of host, bridge (got "none")',
    ]);
    // The dotted name is one member: a nested object of the same path is not it.
    expect(messages(validate, { PodsConfig: { PodNetworkMode: 'host' } })).toEqual([
      'PodsConfig: is not a member the spec declares',
    ]);
    expect(messages(validate, { 'PodsConfig.PodNetworkMode': 'host' })).toEqual([
      'Disk Size: is required when PodsConfig.PodNetworkMode is host',
    ]);
    expect(messages(validate, { 'dc-name': 'ABC', '2xx': -1 })).toEqual([
      'dc-name: must match ^[a-z]+$ (got "ABC")',
      '2xx: must be >= 0 (got -1)',
    ]);
    expect(messages(validate, { 'dc-name': 'abcdefghi' })).toEqual([
      'dc-name: must be at most 8 bytes in UTF-8 (got 9)',
      '2xx: is required when dc-name is set',
    ]);
    expect(messages(validate, { 'Disk Size': { 'Size (GB)': 0 }, 'Page.Size': 101 })).toEqual([
      'Disk Size.Size (GB): must be >= 1 (got 0)',
      'Page.Size: must be <= 100 (got 101)',
    ]);
    expect(messages(validate, { 'Page-Numbr': 1 })).toEqual([
      'Page-Numbr: is not a member the spec declares; did you mean Page-Number?',
    ]);
  });

  it('reads members named like Object.prototype members only when the input sets them', () => {
    const validate = updatePod.validateUpdatePodRequest;
    // Left out: not the prototype's functions, so not "must be a string" and no toString -> valueOf rule.
    expect(messages(validate, { 'Pod.Id': 'p' })).toEqual([]);
    expect(messages(validate, {})).toEqual(['Pod.Id: is required']);
    expect(messages(validate, { 'Pod.Id': '' })).toEqual(['Pod.Id: must be at least 1 byte in UTF-8 (got 0)']);
    expect(messages(validate, { 'Pod.Id': 'p', toString: 't' })).toEqual(['valueOf: is required when toString is set']);
    expect(
      messages(validate, {
        'Pod.Id': 'p',
        constructor: 1,
        toString: 't',
        valueOf: 'v',
        hasOwnProperty: 'yes',
        prototype: 2,
      }),
    ).toEqual([
      'constructor: must be a string (got 1)',
      'valueOf: must be an integer (got "v")',
      'hasOwnProperty: must be a boolean (got "yes")',
      'prototype: must be a string (got 2)',
    ]);
    expect(messages(validate, withProto({ 'Pod.Id': 'p' }, 5))).toEqual(['__proto__: must be a string (got 5)']);
    expect(messages(validate, withProto({ 'Pod.Id': 'p' }, 'p'))).toEqual([]);
  });
});

describe('the spec examples as values', () => {
  it('keep a member named __proto__ as a member (a computed key), not as the prototype', async () => {
    const { updatePodRequest, describePodsResponse } = (await import(
      join(out, 'names', 'examples', 'spec-examples.ts')
    )) as Record<string, Record<string, unknown>>;
    expect(Object.entries(updatePodRequest!)).toEqual([
      ['Pod.Id', 'pod-1'],
      ['__proto__', 'p'],
      ['toString', 't'],
      ['valueOf', 2],
      ['dc-name', 'east'],
    ]);
    expect(Object.getPrototypeOf(updatePodRequest)).toBe(Object.prototype);
    const [pod] = (describePodsResponse!.Result as Record<string, Record<string, unknown>[]>)['Pod List']!;
    expect(Object.hasOwn(pod!, '__proto__') && Object.hasOwn(pod!, 'constructor')).toBe(true);
  });
});

describe('sending members by their wire names', () => {
  let url = '';
  const seen: { url: string; body: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      seen.push({ url: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ResponseMetadata":{"RequestId":"r1"},"Result":{}}');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () =>
    new VolcClient(
      { service: 'names', global: false },
      { endpoint: url, credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } },
    );

  it('writes a dotted member name into the query as one key, PodsConfig.PodNetworkMode=host', async () => {
    const input = withProto(
      {
        'PodsConfig.PodNetworkMode': 'host',
        'Disk Size': { 'Size (GB)': 2 },
        'dc-name': 'east',
        '2xx': 1,
        constructor: 'c',
      },
      'p',
    );
    await client().send(describePods.describePodsOperation as never, input);
    const query = seen.at(-1)!.url.slice(seen.at(-1)!.url.indexOf('?') + 1);
    expect(query.split('&')).toContain('PodsConfig.PodNetworkMode=host');
    expect([...new URLSearchParams(query)].filter(([key]) => !['Action', 'Version'].includes(key)).sort()).toEqual(
      [
        ['PodsConfig.PodNetworkMode', 'host'],
        ['Disk Size.Size (GB)', '2'],
        ['dc-name', 'east'],
        ['2xx', '1'],
        ['constructor', 'c'],
        ['__proto__', 'p'],
      ].sort(),
    );
    // DescribePodsRequest declares __proto__, its Disk Size does not: there the client refuses it, sending nothing.
    const sent = seen.length;
    const nested = { 'PodsConfig.PodNetworkMode': 'host', 'Disk Size': withProto({ 'Size (GB)': 2 }, 'p') };
    await expect(client().send(describePods.describePodsOperation as never, nested)).rejects.toMatchObject({
      issues: [{ path: 'Disk Size.__proto__' }],
    });
    expect(seen).toHaveLength(sent);
  });

  it('writes them into a JSON body as they are', async () => {
    const input = withProto({ 'Pod.Id': 'x', 'dc-name': 'east', toString: 't', valueOf: 2 }, 'p');
    await client().send(updatePod.updatePodOperation as never, input);
    expect(JSON.parse(seen.at(-1)!.body)).toEqual(
      JSON.parse('{"Pod.Id":"x","dc-name":"east","toString":"t","valueOf":2,"__proto__":"p"}'),
    );
    expect(seen.at(-1)!.body).toContain('"__proto__":"p"');
  });
});

describe('against volc-mock', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ spec: [FIXTURE] });
  });
  afterAll(() => mock.close());

  const client = () =>
    new VolcClient({ service: 'names', global: false }, { endpoint: mock.url, credentials: mock.credentials });

  it('reads the members back as sent, and refuses what breaks their rules', async () => {
    const input = withProto(
      { 'PodsConfig.PodNetworkMode': 'host', 'Disk Size': { 'Size (GB)': 2 }, 'dc-name': 'east', '2xx': 1 },
      'p',
    );
    await client().send(describePods.describePodsOperation as never, input);
    expect(Object.entries(mock.requests.at(-1)?.input ?? {}).sort()).toEqual(
      [
        ['PodsConfig.PodNetworkMode', 'host'],
        ['Disk Size', { 'Size (GB)': 2 }],
        ['dc-name', 'east'],
        ['2xx', 1],
        ['__proto__', 'p'],
      ].sort(),
    );
    const body = withProto({ 'Pod.Id': 'x', toString: 't', valueOf: 2 }, 'p');
    await client().send(updatePod.updatePodOperation as never, body);
    expect(Object.keys(mock.requests.at(-1)?.input ?? {})).toEqual(['Pod.Id', 'toString', 'valueOf', '__proto__']);
    // The client's validator is skipped here (validate: undefined), so the mock's own check answers.
    const unchecked = { ...(updatePod.updatePodOperation as object), validate: undefined };
    await expect(client().send(unchecked as never, { 'Pod.Id': 'x', toString: 't' })).rejects.toMatchObject({
      code: 'MissingParameter',
    });
    await expect(client().send(unchecked as never, { 'Pod.Id': '' })).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringContaining('must be at least 1 bytes in UTF-8, not 0'),
    });
  });

  it('pages by members named Page-Number, Page.Size, Total.Count and Pod List', async () => {
    const pods = Array.from({ length: 4 }, (_, i) => ({ 'Pod.Id': `pod-${i + 1}` }));
    mock.setItems('DescribePods', pods);
    const before = mock.requests.length;
    const ids: unknown[] = [];
    for await (const pod of describePods.paginateDescribePods(client(), { 'Page.Size': 2 })) ids.push(pod['Pod.Id']);
    expect(ids).toEqual(['pod-1', 'pod-2', 'pod-3', 'pod-4']);
    // Two full pages and a Total.Count of 4: no third request for an empty page.
    const pages = mock.requests.slice(before);
    expect(pages.map((r) => [r.query['Page-Number'], r.query['Page.Size']])).toEqual([
      ['1', '2'],
      ['2', '2'],
    ]);
  });
});
