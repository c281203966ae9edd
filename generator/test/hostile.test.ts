/**
 * Issue 12 items 11-13 at the generator: a spec whose members are named like Object.prototype properties
 * (`constructor`, `toString`, `__proto__`), whose request schema is shared by two actions (`$ref`), and
 * which has int64 members. The generated package must compile and round-trip such inputs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Project } from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VolcClient } from '@volc-ts/core';
import { generate } from '../src/index.js';
import { tempDir } from './helpers.js';

const FIXTURE = 'generator/test/fixtures/hostile.yaml';
const out = tempDir('hostile');
generate({ spec: FIXTURE, out });
const src = join(out, 'hostile', 'src');

type Validator = (input: unknown) => { path: string; rule: string; message: string }[];
type Operation = { action: string; idempotent?: boolean; validate: Validator };

async function load(kebab: string, exported: string): Promise<Record<string, unknown>> {
  const module = (await import(join(src, 'operations', `${kebab}.ts`))) as Record<string, unknown>;
  expect(module[exported], `${kebab}.ts exports ${exported}`).toBeTypeOf('function');
  return module;
}

describe('a spec with hostile member names and a shared request schema', () => {
  it('generates a package that type-checks (no TS2308 for the shared validator)', () => {
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
        include: ['hostile/src'],
      }),
    );
    const project = new Project({ tsConfigFilePath: join(out, 'tsconfig.json') });
    const diagnostics = project
      .getPreEmitDiagnostics()
      .map((d) => `${d.getSourceFile()?.getBaseName()}: ${String(d.getMessageText())}`);
    expect(diagnostics).toEqual([]);
  }, 60_000);

  it('writes one validator for actions that share an input schema, exported once (no TS2308 through the package index)', async () => {
    const put = await load('get-thing', 'validateThingInput');
    for (const kebab of ['put-thing', 'put-other-thing']) {
      const module = (await import(join(src, 'operations', `${kebab}.ts`))) as Record<string, unknown>;
      expect(module.validateThingInput, `${kebab}.ts imports the validator without exporting it again`).toBeUndefined();
    }
    const otherOperation = (await load('put-other-thing', 'putOtherThing')).putOtherThingOperation as Operation;
    expect(otherOperation.validate).toBe(put.validateThingInput);
  });

  it('reads own members only: a member named constructor is required, not found on Object.prototype', async () => {
    const { validateThingInput: validatePutThingRequest } = (await load('get-thing', 'validateThingInput')) as {
      validateThingInput: Validator;
    };
    expect(validatePutThingRequest({})).toEqual([{ path: 'constructor', rule: 'required', message: 'is required' }]);
    expect(validatePutThingRequest({ constructor: 'c' })).toEqual([]);
    expect(
      validatePutThingRequest(
        JSON.parse('{"constructor":"c","__proto__":"p","toString":"t","valueOf":1,"hasOwnProperty":true}'),
      ),
    ).toEqual([]);
    expect(validatePutThingRequest(JSON.parse('{"constructor":"c","__proto__":5}'))).toEqual([
      { path: '__proto__', rule: 'type', message: 'must be a string (got 5)' },
    ]);
    // dependentRequired toString -> valueOf reads own members too: an input without toString asks nothing.
    expect(validatePutThingRequest({ constructor: 'c', toString: 't' })).toEqual([
      { path: 'valueOf', rule: 'required', message: 'is required when toString is set' },
    ]);
  });

  it('accepts int64 members as bigint beyond 2^53 and checks their range', async () => {
    const { validateThingInput: validatePutThingRequest } = (await load('get-thing', 'validateThingInput')) as {
      validateThingInput: Validator;
    };
    expect(validatePutThingRequest({ constructor: 'c', Size: 9007199254740993n })).toEqual([]);
    expect(validatePutThingRequest({ constructor: 'c', Size: -1n })).toEqual([
      { path: 'Size', rule: 'minimum', message: 'must be >= 0 (got -1)' },
    ]);
  });

  it('marks only the actions the spec calls idempotent', async () => {
    const put = (await load('put-thing', 'putThing')).putThingOperation as Operation;
    const other = (await load('put-other-thing', 'putOtherThing')).putOtherThingOperation as Operation;
    expect(put.idempotent).toBeUndefined();
    expect(other.idempotent).toBe(true);
  });
});

describe('round trip through a real server', () => {
  let url = '';
  const bodies: string[] = [];
  const queries: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      bodies.push(body);
      queries.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      // The server answers with an int64 beyond 2^53 and an own member named constructor.
      response.end('{"ResponseMetadata":{"RequestId":"r1"},"Result":{"constructor":"server","Id":9007199254740993}}');
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends prototype-named members and int64 values exactly, and reads them back exactly', async () => {
    const client = new VolcClient(
      { service: 'hostile', global: false },
      { endpoint: url, credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } },
    );
    const { putThingOperation } = (await load('put-thing', 'putThing')) as { putThingOperation: Operation };
    const input = JSON.parse('{"constructor":"c","toString":"t","valueOf":2,"__proto__":"p"}') as Record<
      string,
      unknown
    >;
    input.Size = 9007199254740993n;
    const result = (await client.send(putThingOperation as never, input)) as unknown as Record<string, unknown>;
    expect(bodies.at(-1)).toBe(
      '{"constructor":"c","toString":"t","valueOf":2,"__proto__":"p","Size":9007199254740993}',
    );
    expect(Object.hasOwn(result, 'constructor') && result.constructor).toBe('server');
    expect(result.Id).toBe(9007199254740993n);

    const { getThingOperation } = (await load('get-thing', 'getThing')) as { getThingOperation: Operation };
    await client.send(getThingOperation as never, input);
    expect(queries.at(-1)).toContain('__proto__=p');
    expect(queries.at(-1)).toContain('constructor=c');
    expect(queries.at(-1)).toContain('toString=t');
    expect(queries.at(-1)).toContain('Size=9007199254740993');
  });
});
