/**
 * The compiler's messages for broken calls name the member to add, not one of an unrelated branch of the
 * rules' unions. Compiles a small file against the rules fixture's golden output with the TypeScript API.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const calls: [string, RegExp][] = [
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
