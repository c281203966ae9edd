/**
 * Docs built from the facts a spec states: every member and action of the facts fixture, read back from
 * the emitted files with the TypeScript parser, and the doc coverage script on generated packages.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitPackage, generate, loadModels } from '../src/index.js';
import { tempDir } from './helpers.js';

const FIXTURE = 'generator/test/fixtures/facts.yaml';
const root = join(import.meta.dirname, '..', '..');
const files = emitPackage(loadModels([FIXTURE])[0]!, '0.1.0');

/** The TSDoc text (tags included) of each member of each interface, or of each method of a class. */
function docsOf(text: string): Map<string, string> {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const docs = new Map<string, string>();
  const doc = (node: ts.Node) =>
    ts
      .getJSDocCommentsAndTags(node)
      .map((d) => d.getText())
      .join('\n');
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement))
      for (const m of statement.members) docs.set(`${statement.name.text}.${m.name!.getText()}`, doc(m));
    if (ts.isClassDeclaration(statement))
      for (const m of statement.members) if (m.name) docs.set(m.name.getText(), doc(m));
  }
  return docs;
}
/** A doc's text with the ` * ` margins removed and its lines joined, so a sentence may span lines. */
const flat = (doc: string | undefined) =>
  (doc ?? '')
    .split('\n')
    .map((line) => line.replace(/^\s*\/?\*+\/?\s?/, ''))
    .join(' ');

describe('member docs from facts', () => {
  const docs = docsOf(files.get('src/types.ts')!);
  const member = (name: string) => flat(docs.get(name));

  it.each([
    ['CreateTopicRequest.InstanceId', ['Required (per Node SDK, Go SDK, CLI).']],
    [
      'CreateTopicRequest.TopicName',
      ['String, 1 to 64 characters, at most 255 bytes in UTF-8 (per Go SDK).', 'Sources: Node SDK, Go SDK.'],
    ],
    [
      'CreateTopicRequest.PartitionCount',
      [
        'Integer (int32, per Go SDK), from 1 to 300 (per Go SDK).',
        'Sources differ on its type: the Node SDK says `string`, the Go SDK says `integer`, the CLI says `integer`; this SDK uses `integer`.',
        '@default 3',
        '@example 12',
      ],
    ],
    ['CreateTopicRequest.RetentionBytes', ['Integer (int64; a `bigint` beyond 2^53).']],
    [
      'CreateTopicRequest.Compression',
      ['String, known values (per Go SDK): `gzip`, `lz4`, `zstd` (others are accepted).', 'Source: Go SDK only.'],
    ],
    ['CreateTopicRequest.CleanupPolicy', ['String, one of `delete`, `compact`.']],
    ['CreateTopicRequest.CreatedAfter', ['String, a UTC time written `yyyy-MM-ddTHH:mm:ssZ`.']],
    ['CreateTopicRequest.Tags', ['List of strings (at most 128 characters), 1 to 20 items, no item repeated.']],
    ['CreateTopicRequest.Ratio', ['Number (float), greater than 0 and less than 1.']],
    [
      'CreateTopicRequest.Description',
      [
        'Sources: Node SDK, Go SDK.',
        'Sources differ on whether it is required: the Node SDK says `optional`, the Go SDK says `required`; this SDK uses `optional`.',
      ],
    ],
    ['CreateTopicResponse.TopicId', ['Source: Node SDK only.']],
    ['CreateTopicResponse.Status', ['String, known values: `Creating`, `Running` (others may appear).']],
    ['ListTopicsRequest.Offset', ['Integer, at least 0.']],
    ['ListTopicsRequest.Limit', ['Integer, at most 100.']],
  ] as const)('%s', (name, sentences) => {
    for (const sentence of sentences) expect(member(name)).toContain(sentence);
  });

  it('says nothing the spec does not state', () => {
    // No sources, no bounds, no default: only the type and whether it is required.
    expect(member('CreateTopicRequest.RetentionBytes')).not.toMatch(/Sources?:|@default|@example|at (most|least)/);
    expect(member('ListTopicsResponse.Total')).toBe(' Integer. ');
    // The required note says who requires it; no second sentence says it again.
    expect(member('CreateTopicRequest.Description')).not.toContain('requires it');
  });

  it('leaves out sentences that only repeat the declaration, unless nothing else is said', () => {
    // `string`, `?` and their absence are in the declaration; a named object type is too.
    for (const name of [
      'CreateTopicRequest.InstanceId',
      'CreateTopicResponse.TopicId',
      'CreateTopicRequest.Description',
    ])
      expect(member(name)).not.toMatch(/String\.|Optional\.|Always present\.|May be absent\./);
    // No description, no sources, nothing but the declared type: the type sentence stays, so every member
    // keeps a doc line (scripts/doc-coverage.mjs).
    const mini = docsOf(
      emitPackage(loadModels(['generator/test/fixtures/mini.yaml'])[0]!, '0.1.0').get('src/types.ts')!,
    );
    expect(
      [...mini.values()].map(flat).filter((doc) => /^ (String|Boolean|Number)\./.test(doc)).length,
    ).toBeGreaterThan(0);
  });

  it('gives every member of every shape a doc line, in every fixture', () => {
    for (const name of ['facts', 'mini', 'rules']) {
      const emitted = emitPackage(loadModels([`generator/test/fixtures/${name}.yaml`])[0]!, '0.1.0');
      for (const [key, doc] of docsOf(emitted.get('src/types.ts')!)) expect(flat(doc).trim(), key).not.toBe('');
    }
  });

  it('keeps lines short', () => {
    const long = files
      .get('src/types.ts')!
      .split('\n')
      .filter((line) => line.trimStart().startsWith('*') && line.length > 110);
    expect(long).toEqual([]);
  });
});

describe('action docs from facts', () => {
  const docs = docsOf(files.get('src/client.ts')!);

  it('says the method and protocol, that a write is not retried, its sources and where they differ', () => {
    const doc = flat(docs.get('createTopic'));
    expect(doc).toContain('Create topic.');
    expect(doc).toContain('Action `CreateTopic`, version `2024-01-01`, POST with a JSON body.');
    expect(doc).toContain('Not safe to repeat: after an ambiguous failure');
    expect(doc).toContain('Sources: Node SDK, Go SDK, CLI.');
    expect(doc).not.toMatch(/@link|@see/);
    expect(doc).toContain(
      'Sources differ on its method and body: the Node SDK says `POST json`, the CLI says `GET query`; this SDK uses `POST json`.',
    );
  });

  it('says a read is retried, how it pages and which function walks the pages', () => {
    const doc = flat(docs.get('listTopics'));
    expect(doc).toContain('GET with the input in the query string.');
    expect(doc).toContain('Safe to repeat: retried after an ambiguous failure');
    expect(doc).toContain(
      'Paged by offset: `Offset` skips that many items (from 0) and `Limit` sets the page size, `Total` counts every item.',
    );
    expect(doc).toContain('`paginateListTopics(client, input)` yields every item of `Topics`, page after page.');
    expect(doc).toContain('Source: Go SDK only.');
  });

  it('names the idempotency token and what the client does with it', () => {
    const mini = docsOf(
      emitPackage(loadModels(['generator/test/fixtures/mini.yaml'])[0]!, '0.1.0').get('src/client.ts')!,
    );
    expect(flat(mini.get('createWidget'))).toContain(
      'Idempotent through `ClientToken`: filled in when left empty and kept across retries, so a retried call is applied once.',
    );
  });
});

describe('scripts/doc-coverage.mjs', () => {
  const script = join(root, 'scripts', 'doc-coverage.mjs');
  const out = tempDir('coverage');
  generate({ spec: FIXTURE, out });
  const pkg = join(out, 'facts');

  it('counts the actions and members of a generated package from its files', () => {
    const report = JSON.parse(
      execFileSync(process.execPath, [script, '--json', '--min', '100', pkg], { encoding: 'utf8' }),
    );
    expect(report.packages).toEqual([{ name: 'facts', actions: [2, 2], members: [16, 16] }]);
    expect(report.total).toEqual({ actions: [2, 2], members: [16, 16] });
  });

  it('fails under --min when a member has no doc line', () => {
    const types = join(pkg, 'src', 'types.ts');
    writeFileSync(types, readFileSync(types, 'utf8').replace(/\/\*\*\n\s+\* Integer\.\n\s+\*\/\n/, ''));
    const run = spawnSync(process.execPath, [script, '--min', '100', pkg], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/facts\s+2\/2 \(100\.0%\)\s+15\/16 \(93\.8%\)/);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('below 100%: facts');
  });
});
