/**
 * The compiler's messages for broken calls name the member to add, not one of an unrelated branch of the
 * rules' unions. Compiles a small file against the rules fixture's golden output with the TypeScript API.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitPackage, loadModels } from '../src/index.js';
import { tempDir } from './helpers.js';

const calls: [string, RegExp][] = [
  [`{}`, /Property 'InstanceId' is missing/],
  [`{ Scope: 'OneInstance' }`, /Property 'InstanceId' is missing/],
  [`{ InstanceId: 'i-1', PageNumber: 1 }`, /Property 'PageSize' is missing/],
  [`{ Scope: 'AccountInstances', PageNumber: 1 }`, /Property 'PageSize' is missing/],
  [`{ Scope: 'AccountInstances', StartTime: '2024-01-01T00:00:00Z' }`, /Property 'EndTime' is missing/],
  [`{ Scope: 'AccountInstances', Encrypted: true }`, /Property 'KeyId' is missing/],
  [`{ Scope: 'AccountInstances', PageSzie: 10 }`, /'PageSzie' does not exist .* Did you mean to write 'PageSize'\?/s],
];

describe('compiler messages for calls that break a rule', () => {
  const dir = tempDir('messages');
  const fixture = join(import.meta.dirname, 'fixtures', 'rules-expected', 'src', 'types.js')
    .split('\\')
    .join('/');
  const file = join(dir, 'calls.ts');
  writeFileSync(
    file,
    [
      `import type { DescribeBackupsRequest } from '${fixture}';`,
      'declare function call(input: DescribeBackupsRequest): void;',
      ...calls.map(([input]) => `call(${input});`),
    ].join('\n'),
  );
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file.split('\\').join('/'));
  const byLine = new Map(
    diagnostics.map((d) => [
      d.file!.getLineAndCharacterOfPosition(d.start!).line,
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    ]),
  );

  it.each(calls.map(([input, message], index) => [input, message, index + 2] as const))(
    '%s: %s',
    (_, message, line) => {
      expect(byLine.get(line)).toMatch(message);
    },
  );
});

/**
 * The seed action's request type as an editor sees it, through the TypeScript language service: the
 * package is generated in memory from spec/redis.yaml (not read from packages/redis, which may be behind
 * the generator), written to a temporary folder, and checked with and without `exactOptionalPropertyTypes`.
 */
describe('the seed request type in an editor (language service)', () => {
  const root = join(import.meta.dirname, '..', '..');
  const [model] = loadModels([join(root, 'spec', 'redis.yaml')]);
  const files = emitPackage(model!, '0.1.0');
  const dir = tempDir('language-service');
  for (const name of ['types.ts', 'errors.ts']) writeFileSync(join(dir, name), files.get(`src/${name}`)!);
  const members = model!.shapes.get('DescribeCrossRegionBackupsRequest')!.properties;
  const start = `'2024-08-22T07:51:09Z'`;
  const end = `'2024-08-22T08:51:09Z'`;

  // Call sites a user writes, each setting only some members, so that the editor cannot pick a single case
  // of the rules; each member of the seed request is hovered at the first one that sets it.
  const hoverCalls = [
    `{ Scope: 'AccountInstances', StartTime: ${start}, EndTime: ${end} }`,
    `{ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 }`,
    `{ Scope: 'OneInstance', InstanceId: 'redis-1' }`,
  ];
  // The seed action's common mistakes, and the member each message must name.
  const mistakes: [string, RegExp | undefined][] = [
    // No key to pick a case by: explained against the case where every rule takes its default.
    [`{}`, /Property 'InstanceId' is missing/],
    [`{ Scope: 'OneInstance' }`, /Property 'InstanceId' is missing/],
    [`{ InstanceId: 'redis-1', StartTime: ${start} }`, /Property 'EndTime' is missing/],
    [`{ InstanceId: 1 }`, /'number' is not assignable to type 'string'/],
    [`{ Scope: 'AccountInstances', PageSize: 'x' }`, /'string' is not assignable to type 'number'/],
    // The union's array member only steers the messages: an array is still refused.
    [`[]`, /'never\[\]' is missing the following properties/],
    [`{ PageSize: 10 }`, /Property 'InstanceId' is missing/],
    [`{ InstanceId: 'redis-1', PageNumber: 1 }`, /Property 'PageSize' is missing/],
    [`{ Scope: 'AccountInstances', PageNumber: 1 }`, /Property 'PageSize' is missing/],
    [`{ Scope: 'AccountInstances', StartTime: ${start} }`, /Property 'EndTime' is missing/],
    [`{ Scope: 'AccountInstances', PageSzie: 10 }`, /Did you mean to write 'PageSize'\?/],
    [`{ Scope: 'Everything', InstanceId: 'redis-1' }`, /'"Everything"' is not assignable/],
    [`{ InstanceId: 'redis-1', PageSize: '10' }`, /'string' is not assignable to type 'number'/],
  ];
  const source = [
    `import type { DescribeCrossRegionBackupsRequest } from './types.js';`,
    `import { isRedisError } from './errors.js';`,
    'declare function call(input: DescribeCrossRegionBackupsRequest): void;',
    'declare const maybe: string | undefined;',
    'declare const error: unknown;',
    `call({ Scope: 'AccountInstances', InstanceId: maybe, ProjectName: maybe, PageNumber: 1, PageSize: 10 });`,
    `if (isRedisError(error) && error.code === 'InvalidInstanceId.NotFound') call({ InstanceId: 'redis-1' });`,
    ...hoverCalls.map((c) => `call(${c});`),
    ...mistakes.map(([c]) => `call(${c});`),
  ];
  const firstHover = 7;
  const firstMistake = firstHover + hoverCalls.length;
  const callFile = join(dir, 'calls.ts').split('\\').join('/');
  writeFileSync(callFile, source.join('\n'));

  const service = (exactOptionalPropertyTypes: boolean) => {
    const options: ts.CompilerOptions = {
      strict: true,
      exactOptionalPropertyTypes,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      skipLibCheck: true,
      types: [],
      baseUrl: root,
      paths: { '@volc-ts/core/errors': ['packages/core/src/errors.ts'] },
    };
    return ts.createLanguageService({
      getCompilationSettings: () => options,
      getScriptFileNames: () => [callFile],
      getScriptVersion: () => '1',
      getScriptSnapshot: (file) =>
        ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file)!) : undefined,
      getCurrentDirectory: () => dir,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
    });
  };
  const messagesByLine = (ls: ts.LanguageService) => {
    const byLine = new Map<number, string>();
    for (const d of ls.getSemanticDiagnostics(callFile)) {
      const line = d.file!.getLineAndCharacterOfPosition(d.start!).line;
      byLine.set(
        line,
        [byLine.get(line), ts.flattenDiagnosticMessageText(d.messageText, '\n')].filter(Boolean).join('\n'),
      );
    }
    return byLine;
  };
  const ls = service(false);
  const messages = messagesByLine(ls);

  it.each(['Scope', 'InstanceId', 'StartTime', 'EndTime', 'PageNumber', 'PageSize'])(
    'shows the doc of %s where a call sets it',
    (name) => {
      const line = hoverCalls.findIndex((c) => c.includes(`${name}:`));
      const offset =
        source.slice(0, firstHover + line).join('\n').length + 1 + source[firstHover + line]!.indexOf(`${name}:`);
      const info = ls.getQuickInfoAtPosition(callFile, offset);
      const doc = ts.displayPartsToString(info?.documentation);
      const declared = members.find((m) => m.name === name)!;
      expect(ts.displayPartsToString(info?.displayParts)).toContain(name);
      expect(doc).toContain((declared.description ?? '').split('\n')[0]!.slice(0, 40));
      expect(doc.length).toBeGreaterThan(0);
    },
  );

  // A member whose required-ness depends on another member's value keeps its own declaration in every case
  // of the rules, so its hover shows the doc and the rule that makes it required, whichever case the editor picks.
  it.each([
    ['InstanceId', 'Required when `Scope` is `OneInstance` or not set.'],
    ['EndTime', 'Required when `StartTime` is set.'],
    ['PageSize', 'Required when `PageNumber` is set.'],
  ])('shows on %s the rule that makes it required', (name, rule) => {
    for (const [line, call] of hoverCalls.entries()) {
      if (!call.includes(`${name}:`)) continue;
      const offset =
        source.slice(0, firstHover + line).join('\n').length + 1 + source[firstHover + line]!.indexOf(`${name}:`);
      const doc = ts.displayPartsToString(ls.getQuickInfoAtPosition(callFile, offset)?.documentation);
      expect(doc).toContain(rule);
    }
    expect(hoverCalls.some((c) => c.includes(`${name}:`))).toBe(true);
  });

  it.each(mistakes.map(([input, expected], index) => [input, expected, firstMistake + index] as const))(
    'explains %s without "... more ..."',
    (_, expected, line) => {
      const message = messages.get(line);
      expect(message).toBeDefined();
      expect(message).not.toMatch(/\.\.\. \d+ more \.\.\./);
      if (expected) expect(message).toMatch(expected);
    },
  );

  it('compiles valid calls, an undefined optional member and a comparison with a code of the service', () => {
    for (let line = 0; line < firstMistake; line++) expect(messages.get(line)).toBeUndefined();
  });

  it('accepts an optional member set to undefined under exactOptionalPropertyTypes', () => {
    const exact = messagesByLine(service(true));
    for (let line = 0; line < firstMistake; line++) expect(exact.get(line)).toBeUndefined();
  });
});

describe('compiler messages for a request that shares its shape with another action', () => {
  const dir = tempDir('twin-messages');
  const fixture = join(import.meta.dirname, 'fixtures', 'rules-expected', 'src', 'types.js')
    .split('\\')
    .join('/');
  const file = join(dir, 'twin.ts');
  // CreateVolumeRequest has AttachVolumeRequest's members exactly: the generator shares the declaration.
  writeFileSync(
    file,
    [
      `import type { CreateVolumeRequest } from '${fixture}';`,
      'declare function createVolume(input: CreateVolumeRequest): void;',
      'createVolume({});',
    ].join('\n'),
  );
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  });
  const messages = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file.split('\\').join('/'))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

  it("names the called action's request, not the action whose shape it shares", () => {
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Property 'Size' is missing .* required in type 'CreateVolumeRequest'/s);
    expect(messages[0]).not.toMatch(/AttachVolumeRequest/);
  });
});
