/**
 * `volc-gen sync` on a small service that three sources describe differently: what the policy
 * decides, what it records, and that it keeps what a person wrote.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkConformance } from '../src/sources/conformance.js';
import type { ServiceFacts, SourceName } from '../src/sources/facts.js';
import { writeSourceFacts } from '../src/sources/io.js';
import { syncSpecs } from '../src/sources/sync.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, read by the assertions
type Json = Record<string, any>;

const ORIGIN = { repo: 'example.com/fixture', commit: '0'.repeat(40), commitDate: '2026-01-01' };

function facts(source: SourceName, service: string, partial: Partial<ServiceFacts>): ServiceFacts {
  return {
    source,
    package: 'demo',
    service,
    versions: ['2024-01-01'],
    endpoint: {},
    actions: [],
    shapes: {},
    ...partial,
  };
}

const listThings = { name: 'ListThings', version: '2024-01-01', method: 'GET' as const, contentType: 'text/plain' };

const node = facts('node', 'demo', {
  actions: [{ ...listThings, input: 'ListThingsRequest', output: 'ListThingsResponse' }],
  shapes: {
    ListThingsRequest: {
      type: 'object',
      members: {
        Query: { type: 'string', sourceName: '_Query' },
        Name: { type: 'string' },
        Size: { type: 'string' },
        Zone: { type: 'string' },
        Scope: { type: 'string' },
        InstanceId: { type: 'string' },
        Ids: { type: 'array', items: { type: 'string' } },
        Count: { type: 'number' },
      },
      required: ['Zone'],
    },
    ListThingsResponse: { type: 'object', members: { Total: { type: 'number', format: 'int32' } }, required: [] },
  },
});

const go = facts('go', 'demo', {
  actions: [
    { ...listThings, input: 'ListThingsRequest', output: 'ListThingsResponse' },
    {
      name: 'CreateThing',
      version: '2024-01-01',
      method: 'POST',
      contentType: 'application/json',
      input: 'CreateThingRequest',
      output: 'CreateThingResponse',
    },
  ],
  shapes: {
    ListThingsRequest: {
      type: 'object',
      members: {
        Query: { type: 'string' },
        Name: { type: 'string', bound: { min: 2, max: 64, unit: 'bytes' } },
        Size: { type: 'number', format: 'int32', bound: { min: 1, max: 100, unit: 'value' } },
        Zone: { type: 'string' },
        Scope: { type: 'string', enum: ['All', 'One'] },
        InstanceId: { type: 'string' },
        Ids: { type: 'array', items: { type: 'string' }, bound: { max: 20, unit: 'items' } },
        Count: { type: 'number', format: 'int64' },
        NewFilter: { type: 'string' },
      },
      required: ['Name', 'InstanceId'],
    },
    ListThingsResponse: { type: 'object', members: { Total: { type: 'number', format: 'int32' } }, required: [] },
    CreateThingRequest: {
      type: 'object',
      members: { Tags: { type: 'array', items: { ref: 'TagForCreateThingInput' } } },
      required: [],
    },
    TagForCreateThingInput: { type: 'object', members: { Key: { type: 'string' } }, required: ['Key'] },
    CreateThingResponse: { type: 'object', members: { ThingId: { type: 'string' } }, required: [] },
  },
});

const cli = facts('cli', 'demo', {
  actions: [{ ...listThings, input: 'ListThingsRequest', output: 'ListThingsResponse' }],
  shapes: {
    ListThingsRequest: {
      type: 'object',
      members: { Query: { type: 'string' }, Name: { type: 'string' }, Size: { type: 'number', format: 'int32' } },
      required: ['Name'],
    },
    ListThingsResponse: { type: 'object', members: {}, required: [] },
  },
});

function workspace(sources: ServiceFacts[]): { spec: string; sources: string } {
  const root = mkdtempSync(join(tmpdir(), 'volc-sync-'));
  const spec = join(root, 'spec');
  const dir = join(root, 'sources');
  for (const s of ['node', 'go', 'cli'] as const) {
    const list = sources.filter((f) => f.source === s);
    if (list.length > 0) writeSourceFacts(join(dir, s), ORIGIN, list);
  }
  mkdirSync(spec);
  return { spec, sources: dir };
}

describe('volc-gen sync', () => {
  it('creates a spec from the first source, then reconciles it with the others under the policy', async () => {
    const ws = workspace([node]);
    await syncSpecs({ specDir: ws.spec, sourcesDir: ws.sources });
    const file = join(ws.spec, 'demo.yaml');
    // A person's additions: a description, and a rule that requires InstanceId only when Scope is One.
    let text = readFileSync(file, 'utf8');
    text = text.replace(
      /( {8}Name:\n {10}type: string\n)/,
      '        Name:\n          type: string\n          description: The thing, as its owner named it.\n',
    );
    text = text.replace(
      /(\n {4}ListThingsRequest:\n {6}type: object\n)/,
      `$1      allOf:\n        - if: {properties: {Scope: {const: One}}, required: [Scope]}\n          then: {required: [InstanceId]}\n`,
    );
    writeFileSync(file, text);

    for (const f of [go, cli]) writeSourceFacts(join(ws.sources, f.source), ORIGIN, [f]);
    const report = await syncSpecs({ specDir: ws.spec, sourcesDir: ws.sources });
    const spec = parse(readFileSync(file, 'utf8')) as Json;
    const request = spec.components.schemas.ListThingsRequest as Json;

    expect(report.specs[0]!.actionsAdded).toEqual({ go: ['CreateThing'] });
    expect(spec.paths['/?Action=CreateThing&Version=2024-01-01'].post['x-volc-sources']).toEqual(['go']);
    expect(spec.paths['/?Action=ListThings&Version=2024-01-01'].get['x-volc-sources']).toEqual(['node', 'go', 'cli']);
    // The escape is gone, and the decision is recorded.
    expect(Object.keys(request.properties)).toContain('Query');
    expect(Object.keys(request.properties)).not.toContain('_Query');
    // Required: Name by Go and the CLI (two sources): required. Zone by Node alone while Go knows it
    // as optional: optional, with the disagreement recorded. InstanceId: the person's rule decides.
    expect(request.required).toEqual(['Name']);
    const notes = Object.fromEntries((request['x-volc-crosscheck'] as Json[]).map((n) => [n.subject, n]));
    expect(notes['required Zone']).toMatchObject({ node: 'required', go: 'optional', chosen: 'optional' });
    expect(notes['required Name']).toMatchObject({
      node: 'optional',
      go: 'required',
      cli: 'required',
      chosen: 'required',
    });
    expect(request.properties.Name.description).toBe('The thing, as its owner named it.');
    // Go's bounds in Go's units; the type two sources state; precision from Go.
    expect(request.properties.Name).toMatchObject({ 'x-volc-min-bytes': 2, 'x-volc-max-bytes': 64 });
    expect(request.properties.Name['x-volc-rule-sources']).toMatchObject({
      required: ['go', 'cli'],
      'x-volc-max-bytes': ['go'],
    });
    expect(request.properties.Size).toMatchObject({ type: 'integer', format: 'int32', minimum: 1, maximum: 100 });
    expect(notes['type Size']).toMatchObject({ node: 'string', go: 'integer', cli: 'integer', chosen: 'integer' });
    expect(request.properties.Ids).toMatchObject({ maxItems: 20 });
    expect(request.properties.Count).toMatchObject({ type: 'integer', format: 'int64' });
    expect(request.properties.Scope.enum).toEqual(['All', 'One']);
    expect(request.properties.NewFilter).toMatchObject({ type: 'string', 'x-volc-sources': ['go'] });
    expect(spec.components.schemas.TagForCreateThingInput.required).toEqual(['Key']);

    // Every disagreement is recorded, so the conformance check passes; a second sync changes nothing.
    expect(checkConformance(ws.spec, ws.sources).disagreements).toEqual([]);
    const before = readFileSync(file, 'utf8');
    const again = await syncSpecs({ specDir: ws.spec, sourcesDir: ws.sources });
    expect(again.specs[0]!.changed).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it("honours a person's decision and the conformance check fails without one", async () => {
    const ws = workspace([node, go, cli]);
    await syncSpecs({ specDir: ws.spec, sourcesDir: ws.sources });
    const file = join(ws.spec, 'demo.yaml');
    const synced = readFileSync(file, 'utf8');

    // A person decides Zone is required after all, with a reason of their own.
    const decided = synced.replace(
      /chosen: optional\n( +)reason: "?Required by one source only[^\n]*(\n\1 {2}[^\n]*)*/,
      'chosen: required\n$1reason: Confirmed with the service team.',
    );
    expect(decided).not.toBe(synced);
    writeFileSync(file, decided);
    await syncSpecs({ specDir: ws.spec, sourcesDir: ws.sources });
    const spec = parse(readFileSync(file, 'utf8')) as Json;
    expect(spec.components.schemas.ListThingsRequest.required).toEqual(['Name', 'Zone']);

    // Without the recorded type decision, the type disagreement is reported.
    const bare = synced.replace(/ {8}- subject: type Size\n( {10}[^\n]*\n)+/, '');
    expect(bare).not.toBe(synced);
    writeFileSync(
      file,
      bare.replace(
        'type: integer\n          format: int32\n          minimum: 1',
        'type: string\n          minimum: 1',
      ),
    );
    const problems = checkConformance(ws.spec, ws.sources).disagreements.map((d) => d.what);
    expect(problems).toContain(
      'ListThingsRequest.Size: type string in the spec, integer in go, and no decision recorded',
    );
  });
});
