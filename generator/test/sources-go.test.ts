import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../src/import/catalog.js';
import type { ServiceFacts, SourceIndex } from '../src/sources/facts.js';
import { readGoSdk, readGoSdkDetailed, wireName } from '../src/sources/go.js';
import { goSourcesCommand } from '../src/sources/go-command.js';
import { readSourceFacts } from '../src/sources/io.js';

const checkout = new URL('./fixtures/sources/go/', import.meta.url).pathname;
const COMMIT = { commit: '0123456789abcdef0123456789abcdef01234567', date: '2026-08-21T16:46:05+08:00' };

function demo(): ServiceFacts {
  const facts = readGoSdk(checkout).find((s) => s.package === 'demo');
  if (!facts) throw new Error('no demo service');
  return facts;
}

describe('readGoSdk', () => {
  it('makes one ServiceFacts per service folder, from ServiceName and APIVersion', () => {
    const all = readGoSdk(checkout);
    expect(all.map((s) => [s.package, s.service, s.versions, s.source])).toEqual([
      ['demo', 'demo_svc', ['2024-01-01'], 'go'],
      ['demo20240601', 'demo_svc', ['2024-01-01'], 'go'],
    ]);
    expect(all[0]!.endpoint).toEqual({});
    // A folder without service_<folder>.go is said to be skipped, not read.
    expect(readGoSdkDetailed(checkout).skipped).toEqual([{ folder: 'notes', reason: 'no service_notes.go' }]);
  });

  it('reads method and content type per action, and names shapes the Node way', () => {
    const actions = Object.fromEntries(demo().actions.map((a) => [a.name, a]));
    expect(Object.keys(actions).sort()).toEqual(['CreateThing', 'DescribeThings', 'ModifyThing']);
    expect(actions.DescribeThings).toEqual({
      name: 'DescribeThings',
      version: '2024-01-01',
      method: 'GET',
      contentType: 'text/plain',
      input: 'DescribeThingsRequest',
      output: 'DescribeThingsResponse',
    });
    expect([actions.CreateThing!.method, actions.CreateThing!.contentType]).toEqual(['POST', 'application/json']);
    // No Content-Type set: volcenginebody.BodyParam sends every POST as a form.
    expect([actions.ModifyThing!.method, actions.ModifyThing!.contentType]).toEqual([
      'POST',
      'application/x-www-form-urlencoded',
    ]);
    const shapes = Object.keys(demo().shapes).sort();
    expect(shapes).toContain('CreateThingRequest');
    expect(shapes).toContain('FilterForDescribeThingsInput');
    expect(shapes).not.toContain('CreateThingInput');
    expect(shapes).not.toContain('DescribeThingsOutput');
    // A struct no action reaches is not written.
    expect(shapes).not.toContain('OrphanForDescribeThingsOutput');
  });

  it('keys members by the wire name the Go runtime uses for the action', () => {
    const { shapes } = demo();
    // GET: locationName, else the field name; the json tag is not read.
    expect(Object.keys(shapes.DescribeThingsRequest!.members)).toEqual([
      'zoneId',
      'Name',
      'PageSize',
      'Status',
      'Filters',
    ]);
    expect(shapes.DescribeThingsRequest!.members.zoneId).toEqual({ type: 'string', sourceName: 'ZoneId' });
    expect(shapes.DescribeThingsRequest!.members.Name).toEqual({ type: 'string' });
    // Form POST: the same rule as GET.
    expect(Object.keys(shapes.ModifyThingRequest!.members)).toEqual(['thingId', 'ZIDsN']);
    // JSON: the json tag's name, else the field name; locationName is not read.
    const create = shapes.CreateThingRequest!.members;
    expect(Object.keys(create)).toEqual([
      'Name',
      'desc',
      'Alias',
      'Labels',
      'Offset',
      'ClientToken',
      'PodsConfig.PodNetworkMode',
      'Config',
    ]);
    expect(create.desc!.sourceName).toBe('Description');
    expect(create['PodsConfig.PodNetworkMode']!.sourceName).toBe('PodsConfigPodNetworkMode');
    expect(create.Alias!.sourceName).toBeUndefined();
    // Results: json name, else locationName, else the field name.
    expect(Object.keys(shapes.ItemForDescribeThingsOutput!.members).slice(0, 2)).toEqual(['id', 'owner']);
  });

  it('applies the wire-name rule per context', () => {
    const field = {
      name: 'ZoneId',
      tags: new Map([
        ['locationName', 'zoneId'],
        ['json', 'zone,omitempty'],
      ]),
    };
    expect(wireName(field, 'query')).toBe('zoneId');
    expect(wireName(field, 'json')).toBe('zone');
    expect(wireName(field, 'result')).toBe('zone');
    const bare = { name: 'ZoneId', tags: new Map([['json', ',omitempty']]) };
    expect([wireName(bare, 'query'), wireName(bare, 'json'), wireName(bare, 'result')]).toEqual([
      'ZoneId',
      'ZoneId',
      'ZoneId',
    ]);
  });

  it('writes types in the catalog legend, with enum values and number formats', () => {
    const { shapes } = demo();
    const item = shapes.ItemForDescribeThingsOutput!.members;
    expect(item.Tags).toEqual({ type: 'map', keyType: 'string', values: { type: 'string' } });
    expect(item.Extra).toEqual({ type: 'any' });
    expect(item.Score).toEqual({ type: 'number', format: 'float', goType: 'float64' });
    expect(item.Ratio).toEqual({ type: 'number', format: 'double' });
    expect(item.Weight).toEqual({ type: 'number', format: 'float' });
    expect(shapes.DescribeThingsResponse!.members.Total).toEqual({ type: 'number', format: 'integer' });
    expect(shapes.DescribeThingsResponse!.members.Items).toEqual({
      type: 'array',
      items: { ref: 'ItemForDescribeThingsOutput' },
    });
    expect(shapes.DescribeThingsRequest!.members.Status).toEqual({ type: 'string', enum: ['Active', 'Deleted'] });
    expect(shapes.ConfigForCreateThingInput!.members.mode).toEqual({
      type: 'string',
      enum: ['fast'],
      sourceName: 'Mode',
    });
    expect(shapes.ModifyThingRequest!.members.ZIDsN).toEqual({
      type: 'array',
      items: { type: 'number', format: 'int32' },
    });
    expect(shapes.CreateThingRequest!.members.Config).toEqual({ ref: 'ConfigForCreateThingInput' });
    expect(shapes.PingResponse).toBeUndefined();
  });

  it('names top-level shapes after the Go structs, so a lower-case action keeps PascalCase shapes', () => {
    const ping = readGoSdk(checkout).find((s) => s.package === 'demo20240601')!;
    expect(ping.actions).toEqual([
      {
        name: 'ping',
        version: '2024-01-01',
        method: 'GET',
        contentType: 'text/plain',
        input: 'PingRequest',
        output: 'PingResponse',
      },
    ]);
    expect(Object.keys(ping.shapes).sort()).toEqual(['PingRequest', 'PingResponse']);
    expect(ping.shapes.PingResponse!.members).toEqual({ Pong: { type: 'boolean' } });
  });

  it('drops the response metadata and json:"-" fields, and lists required wire names', () => {
    const { shapes } = demo();
    expect(Object.keys(shapes.CreateThingResponse!.members)).toEqual(['ThingId']);
    expect(shapes.ModifyThingResponse!.members).toEqual({});
    expect(shapes.CreateThingRequest!.members.Hidden).toBeUndefined();
    expect(shapes.DescribeThingsRequest!.required).toEqual(['zoneId']);
    expect(shapes.ModifyThingRequest!.required).toEqual(['thingId']);
    expect(shapes.CreateThingRequest!.required).toEqual(['Name']);
  });

  it('writes bounds in the unit Validate() checks, for inputs only', () => {
    const { shapes } = demo();
    const create = shapes.CreateThingRequest!.members;
    expect(create.Name!.bound).toEqual({ min: 1, max: 128, unit: 'bytes' });
    expect(create.Labels!.bound).toEqual({ min: 1, max: 5, unit: 'items' });
    // A limit Validate() checks with no tag (the Go generator drops negative ones) is still a bound.
    expect(create.Offset!.bound).toEqual({ min: -1, unit: 'value' });
    // A tag Validate() does not check is written, and reported.
    expect(create.ClientToken!.bound).toEqual({ max: 64, unit: 'bytes' });
    expect(shapes.DescribeThingsRequest!.members.PageSize!.bound).toEqual({ min: 1, max: 100, unit: 'value' });
    // Go never validates results: a tag there is not a bound.
    expect(shapes.ItemForDescribeThingsOutput!.members.Size).toEqual({ type: 'number', format: 'int64' });
    expect(readGoSdkDetailed(checkout).folders.find((f) => f.folder === 'demo')!.resultBounds).toBe(1);
  });

  it('reports every line it cannot use, with file and line', () => {
    const problems = readGoSdkDetailed(checkout).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    const file = 'service/demo/api_create_thing.go';
    expect(problems).toEqual(
      expect.arrayContaining([
        `${file}:87: struct ConfigForCreateThingInput: a line that is not a field`,
        `${file}:86: ConfigForCreateThingInput.Reader: Go type *utils.StreamReader is not one this reader knows`,
        `${file}:30: CreateThingInput.Alias: locationName "alias" is not read for a JSON body; Go sends "Alias"`,
        `${file}:36: CreateThingInput.ClientToken: max:"64" is not checked by Validate()`,
        `${file}:34: CreateThingInput.Offset: Validate() checks min -1 with no min tag; the bound is taken from Validate()`,
        `${file}:42: CreateThingInput.Hidden: not sent (json:"-" or ignore)`,
      ]),
    );
    expect(problems).toContain(
      'service/demo/api_describe_things.go:106: ItemForDescribeThingsOutput._key: unexported field: Go never sends or reads it; kept under its name',
    );
    expect(problems).toHaveLength(7);
  });
});

describe('volc-gen sources go', () => {
  let root: string;
  let out: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'volc-sources-go-'));
    out = join(root, 'go');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes one file per service version, an index and the problems, the same bytes every time', async () => {
    const report = goSourcesCommand(checkout, { out, ...COMMIT });
    expect(report).toContain(
      'demo_svc 2024-01-01: also in Go folder demo20240601, written as demo_svc-2024-01-01.demo20240601.json',
    );
    expect(report).toContain('skipped service/notes: no service_notes.go');
    expect((await readdir(out)).sort()).toEqual([
      'demo_svc-2024-01-01.demo20240601.json',
      'demo_svc-2024-01-01.json',
      'index.json',
      'problems.txt',
    ]);
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as SourceIndex;
    expect(index).toMatchObject({
      source: 'go',
      repo: 'github.com/volcengine/volcengine-go-sdk',
      commit: COMMIT.commit,
      commitDate: COMMIT.date,
    });
    expect(index.files.map((f) => [f.file, f.package, f.actions])).toEqual([
      ['demo_svc-2024-01-01.demo20240601.json', 'demo20240601', 1],
      ['demo_svc-2024-01-01.json', 'demo', 3],
    ]);
    const text = await readFile(join(out, 'demo_svc-2024-01-01.json'), 'utf8');
    const lines = text.split('\n');
    // One line per action and per shape, sorted by name.
    expect(lines.filter((l) => l.startsWith('    {"name":')).map((l) => JSON.parse(l.replace(/,$/, '')).name)).toEqual([
      'CreateThing',
      'DescribeThings',
      'ModifyThing',
    ]);
    const shapeLines = lines.filter((l) => /^ {4}"\w+": \{"type":"object"/.test(l)).map((l) => l.trim().split('"')[1]);
    expect(shapeLines).toEqual([...shapeLines].sort());
    expect(shapeLines).toHaveLength(Object.keys(JSON.parse(text).shapes).length);
    expect(
      (await readFile(join(out, 'problems.txt'), 'utf8')).split('\n').filter((l) => l.startsWith('service/')),
    ).toHaveLength(8);

    // The catalog reader (volc-gen import) and the facts reader (volc-gen sync) both take the files.
    await readCatalog(join(out, 'demo_svc-2024-01-01.json'));
    expect(readSourceFacts(root, 'go')).toHaveLength(2);

    goSourcesCommand(checkout, { out, ...COMMIT });
    expect(await readFile(join(out, 'demo_svc-2024-01-01.json'), 'utf8')).toBe(text);
  });

  it('asks for the commit when the checkout is not a git work tree', () => {
    expect(() => goSourcesCommand(checkout, { out })).toThrow(/--commit <sha> --date/);
  });
});
