import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, loadModels, SpecError, type Diagnostic } from '../src/index.js';
import { readTree, tempDir } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'mini.yaml');
const fixture = readFileSync(FIXTURE, 'utf8');

/** Writes a spec and returns its path and the 1-based line of the first line containing `marker`. */
function writeSpec(text: string, marker: string): { file: string; line: number } {
  const dir = tempDir('bad');
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, text);
  const line = text.split('\n').findIndex((l) => l.includes(marker)) + 1;
  expect(line, `marker ${marker} not found`).toBeGreaterThan(0);
  return { file, line };
}

function diagnosticsOf(file: string): Diagnostic[] {
  try {
    loadModels([file]);
  } catch (error) {
    if (error instanceof SpecError) return [...error.diagnostics];
    throw error;
  }
  throw new Error('the spec was accepted');
}

/** Replaces the one occurrence of `from` in the fixture. */
function edit(from: string, to: string): string {
  expect(fixture.split(from)).toHaveLength(2);
  return fixture.replace(from, to);
}

/** The fixture with one waiter before `paths:`, its lines given. */
function withWaiter(...lines: string[]): string {
  return edit('\npaths:\n', `\nx-volc-waiters:\n  WidgetRound:\n${lines.map((l) => `    ${l}\n`).join('')}paths:\n`);
}

const cases: { name: string; text: string; marker: string; rule: string; message: RegExp }[] = [
  {
    name: 'broken YAML',
    text: edit('      summary: Create a widget.', '      summary: [Create a widget.'),
    marker: 'x-volc-idempotency-token',
    rule: 'yaml-syntax',
    message: /.+/,
  },
  {
    name: 'a schema named like the members of a shape with conditional rules',
    text: edit(
      '    Tag:\n      type: object',
      '    CreateWidgetRequestMembers:\n      type: object\n    Tag:\n      type: object',
    ),
    marker: 'CreateWidgetRequestMembers:',
    rule: 'name-clash',
    message: /schema CreateWidgetRequestMembers has the name generated for the members of CreateWidgetRequest/,
  },
  {
    name: 'an unknown $ref',
    text: edit('$ref: "#/components/schemas/Tag"', '$ref: "#/components/schemas/Label"'),
    marker: '#/components/schemas/Label',
    rule: 'unknown-ref',
    message: /\$ref "#\/components\/schemas\/Label" does not point at a schema/,
  },
  {
    name: 'a type it cannot map',
    text: edit('        Corners:\n          type: integer', '        Corners:\n          type: decimal'),
    marker: 'type: decimal',
    rule: 'unmappable-type',
    message: /type "decimal" cannot be mapped/,
  },
  {
    name: 'a keyword it cannot map',
    text: edit(
      '        Enabled:\n          type: boolean',
      '        Enabled:\n          oneOf: [{ type: boolean }, { type: string }]',
    ),
    marker: 'oneOf',
    rule: 'unsupported-schema',
    message: /"oneOf"/,
  },
  {
    name: 'two actions with one method name',
    text: edit(
      '  /?Action=ListWidgets&Version=2024-01-01:\n    get:\n      operationId: ListWidgets',
      '  /?Action=CREATEWidget&Version=2024-01-01:\n    get:\n      operationId: CREATEWidget',
    ),
    // Actions are taken in name order, so the second one, CreateWidget, is the one reported.
    marker: '/?Action=CreateWidget',
    rule: 'duplicate-method',
    message: /CREATEWidget and CreateWidget would both become createWidget\(\)/,
  },
  {
    name: 'a field name with a control character',
    text: edit('        Enabled:\n', '        "Is\\tEnabled":\n'),
    marker: 'Is\\tEnabled',
    rule: 'invalid-property-name',
    message: /property name "Is\\tEnabled" is not printable/,
  },
  {
    name: 'an empty field name',
    text: edit('        Enabled:\n', '        "":\n'),
    marker: '"":',
    rule: 'invalid-property-name',
    message: /property name "" is empty/,
  },
  {
    name: 'a byte bound that is not a non-negative integer',
    text: edit('          x-volc-max-bytes: 12', '          x-volc-max-bytes: 12.5'),
    marker: 'x-volc-max-bytes: 12.5',
    rule: 'invalid-extension',
    message: /x-volc-max-bytes must be a non-negative integer, a length in UTF-8 bytes \(got 12\.5\)/,
  },
  {
    name: 'a negative byte bound',
    text: edit('          x-volc-min-bytes: 2', '          x-volc-min-bytes: -1'),
    marker: 'x-volc-min-bytes: -1',
    rule: 'invalid-extension',
    message: /x-volc-min-bytes must be a non-negative integer/,
  },
  {
    name: 'a byte bound on a member that is not a string',
    text: edit(
      '        Corners:\n          type: integer',
      '        Corners:\n          type: integer\n          x-volc-max-bytes: 4',
    ),
    marker: 'x-volc-max-bytes: 4',
    rule: 'invalid-extension',
    message: /x-volc-max-bytes applies to a string schema only/,
  },
  {
    name: 'a byte bound next to a $ref, where it would not be read',
    text: edit(
      '            $ref: "#/components/schemas/Tag"',
      '            $ref: "#/components/schemas/Tag"\n            x-volc-min-bytes: 1',
    ),
    marker: 'x-volc-min-bytes: 1',
    rule: 'invalid-extension',
    message: /x-volc-min-bytes applies to a string schema only/,
  },
  {
    name: 'byte bounds no string can keep',
    text: edit('          x-volc-min-bytes: 2', '          x-volc-min-bytes: 13'),
    marker: 'x-volc-min-bytes: 13',
    rule: 'invalid-extension',
    message: /x-volc-min-bytes 13 is above x-volc-max-bytes 12/,
  },
  {
    name: 'an action without a version',
    text: edit('/?Action=ListWidgets&Version=2024-01-01:', '/?Action=ListWidgets:'),
    marker: '/?Action=ListWidgets:',
    rule: 'missing-version',
    message: /action ListWidgets has no valid Version/,
  },
  {
    name: 'a pagination marker pointing at a missing field',
    text: edit('        items: Widgets', '        items: Gadgets'),
    marker: 'items: Gadgets',
    rule: 'pagination-field',
    message: /names Gadgets, but the output \(ListWidgetsResponse\) has no array member/,
  },
  {
    name: 'an enum with duplicate values',
    text: edit('          enum: [Matte, Glossy]', '          enum: [Round, Square, Round]'),
    marker: 'enum: [Round, Square, Round]',
    rule: 'duplicate-enum',
    message: /enum value "Round" is listed twice/,
  },
  {
    name: 'a confirmed mark that is not a boolean',
    text: edit('          x-volc-enum-confirmed: true', '          x-volc-enum-confirmed: yes please'),
    marker: 'x-volc-enum-confirmed: yes please',
    rule: 'invalid-extension',
    message: /x-volc-enum-confirmed must be true or false, next to an enum/,
  },
  {
    name: 'an example action the spec does not have',
    text: edit('  className: Mini\n', '  className: Mini\n  example: DescribeGadgets\n'),
    marker: 'example: DescribeGadgets',
    rule: 'example-action',
    message: /x-volc-service.example names DescribeGadgets, which is not an action of this spec/,
  },
  {
    name: 'a required field absent from the schema',
    text: edit('      required: [Name]', '      required: [Name, Caption]'),
    marker: 'required: [Name, Caption]',
    rule: 'required-not-declared',
    message: /required names "Caption", which is not a property of CreateWidgetRequest/,
  },
  {
    name: 'a waiter polling an action the spec lacks',
    text: withWaiter('action: ListGadgets', 'status: Widgets[].Shape', 'success: [Round]'),
    marker: 'action: ListGadgets',
    rule: 'waiter-action',
    message: /waiter WidgetRound: action ListGadgets is not an action of this spec/,
  },
  {
    name: 'a waiter status path through a missing member',
    text: withWaiter('action: ListWidgets', 'status: Widgets[].Colour', 'success: [Round]'),
    marker: 'status: Widgets[].Colour',
    rule: 'waiter-status',
    message: /ListWidgetsResponse\.Widgets\[\] has no member Colour/,
  },
  {
    name: 'a waiter reading a list without []',
    text: withWaiter('action: ListWidgets', 'status: Widgets.Shape', 'success: [Round]'),
    marker: 'status: Widgets.Shape',
    rule: 'waiter-status',
    message: /Widgets is a list: write Widgets\[\]/,
  },
  {
    name: "a waiter value outside the member's enum",
    text: withWaiter('action: ListWidgets', 'status: Widgets[].Shape', 'success: [Oval]'),
    marker: 'success: [Oval]',
    rule: 'waiter-value',
    message: /success value "Oval" is not one of the values of Widgets\[\]\.Shape \(Round, Square\)/,
  },
  {
    name: 'a waiter input member the action lacks',
    text: withWaiter('action: ListWidgets', 'input: [WidgetIds]', 'status: Widgets[].Shape', 'success: [Round]'),
    marker: 'input: [WidgetIds]',
    rule: 'waiter-input',
    message: /input member WidgetIds is not a member of ListWidgetsRequest/,
  },
];

describe('YAML mistakes', () => {
  it('a file indented with tabs gets one message, with a hint', () => {
    const tabbed = fixture.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2));
    const { file } = writeSpec(tabbed, 'openapi');
    const tabbedLines = tabbed.split('\n').filter((l) => l.startsWith('\t')).length;
    expect(diagnosticsOf(file)).toEqual([
      {
        file: expect.stringMatching(/bad\.yaml$/),
        line: 3,
        column: 1,
        rule: 'yaml-syntax',
        message: 'a tab is used for indentation; YAML allows only spaces',
        hint: `indent with spaces; ${tabbedLines} lines of the file start with a tab`,
      },
    ]);
  });

  it.each([
    ['one space too many', '       summary: Create a widget.', 8, 'by 7 spaces'],
    ['one space too few', '     summary: Create a widget.', 6, 'by 5 spaces'],
  ])('an indentation error (%s) points at the key and its column', (_, replacement, column, detail) => {
    const { file, line } = writeSpec(edit('      summary: Create a widget.', replacement), 'summary: Create a widget.');
    const [diagnostic, ...rest] = diagnosticsOf(file);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ line, column, rule: 'yaml-syntax' });
    expect(diagnostic!.message).toBe(
      `"summary" is indented ${detail}, but "x-volc-idempotent" on line ${line - 1} by 6 spaces`,
    );
    expect(diagnostic!.hint).toMatch(/same column/);
  });

  it('a duplicate key names the key and the line of its first definition', () => {
    const text = edit(
      '      summary: List widgets, a page at a time.',
      '      summary: List widgets, a page at a time.\n      summary: again',
    );
    const { file, line } = writeSpec(text, 'summary: again');
    expect(diagnosticsOf(file)).toEqual([
      expect.objectContaining({
        line,
        column: 7,
        rule: 'duplicate-key',
        message: `duplicate key "summary": first defined on line ${line - 1}`,
      }),
    ]);
  });
});

describe('defaults', () => {
  it.each([
    [
      'outside its enum',
      'enum: [Round, Square]\n          x-volc-enum-confirmed: true\n        Finish',
      'enum: [Round, Square]\n          x-volc-enum-confirmed: true\n          default: Oval\n        Finish',
      'default: Oval',
      /default "Oval" of CreateWidgetRequest\.Kind is not one of its enum values \(Round, Square\)/,
    ],
    [
      'above its maximum',
      '          maximum: 10\n          default: 1',
      '          maximum: 10\n          default: 11',
      'default: 11',
      /default 11 of CreateWidgetRequest\.Size is above its maximum 10/,
    ],
    [
      'beyond its x-volc-max-bytes',
      '          x-volc-max-bytes: 12',
      '          x-volc-max-bytes: 12\n          default: 名字名字名',
      'default: 名字名字名',
      /default "名字名字名" of CreateWidgetRequest\.Title is longer than its x-volc-max-bytes 12 \(15 bytes in UTF-8\)/,
    ],
    [
      'not matching its pattern',
      '          pattern: ^[a-z]+$',
      '          pattern: ^[a-z]+$\n          default: Big',
      'default: Big',
      /does not match its pattern/,
    ],
  ])('a default %s is a lint error at the default', (_, from, to, marker, message) => {
    const { file, line } = writeSpec(edit(from, to), marker);
    const found = diagnosticsOf(file).find((d) => d.rule === 'default-breaks-rule');
    expect(found).toMatchObject({ line, column: 20 });
    expect(found!.message).toMatch(message);
  });
});

describe('bad specs', () => {
  it.each(cases)('reports $name at file:line with the rule', ({ text, marker, rule, message }) => {
    const { file, line } = writeSpec(text, marker);
    const diagnostics = diagnosticsOf(file);
    const found = diagnostics.find((d) => d.rule === rule);
    expect(found, JSON.stringify(diagnostics)).toBeDefined();
    expect(found!.message).toMatch(message);
    expect(found!.line).toBe(line);
    expect(found!.column).toBeGreaterThan(0);
    expect(found!.file).toMatch(/bad\.yaml$/);
  });

  it('locates the column of the offending value', () => {
    const text = edit('$ref: "#/components/schemas/Tag"', '$ref: "#/components/schemas/Label"');
    const { file, line } = writeSpec(text, 'schemas/Label');
    const found = diagnosticsOf(file).find((d) => d.rule === 'unknown-ref')!;
    const lineText = text.split('\n')[line - 1]!;
    expect(found.column).toBe(lineText.indexOf('"#/components') + 1);
  });

  it('leaves the previous output untouched and exits 1 from the CLI', () => {
    const out = tempDir('keep');
    const spec = join(out, 'mini.yaml');
    writeFileSync(spec, fixture);
    generate({ spec, out });
    const before = readTree(join(out, 'mini'));

    // A bad rule in one place and a new action in another: nothing at all may be written.
    const broken = fixture
      .replace('$ref: "#/components/schemas/Tag"', '$ref: "#/components/schemas/Label"')
      .replace('      summary: Create a widget.', '      summary: Create a widget, now documented.');
    writeFileSync(spec, broken);
    const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'generate', '--spec', spec, '--out', out], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const line = broken.split('\n').findIndex((l) => l.includes('schemas/Label')) + 1;
    expect(run.stderr).toMatch(new RegExp(`mini\\.yaml:${line}:\\d+: error \\[unknown-ref\\]`));
    expect(run.stderr).toContain('nothing was written');
    expect(readTree(join(out, 'mini'))).toEqual(before);
  });
});
