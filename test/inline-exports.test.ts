/**
 * The pass that folds a rolled-up declaration file's export lists into `export` on each declaration
 * (scripts/inline-exports.mjs, issue 24): what it may move, what it must leave in a list, and that the
 * file exports the same names with the same meanings afterwards.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { inlineExports } from '../scripts/inline-exports.mjs';

/**
 * Each exported name of a declaration file (beside a `./base.js` it imports) with what it is, a value or
 * a type alone; the file must type-check.
 */
function exportsOf(code: string): string[] {
  const files = new Map([
    ['/virtual/index.d.ts', code],
    ['/virtual/base.d.ts', 'export declare class Base {}\nexport interface Shared {}\n'],
  ]);
  const host = ts.createCompilerHost({});
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (name, version) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile(name, version) : ts.createSourceFile(name, text, version);
  };
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.directoryExists = (dir) => dir === '/virtual' || (directoryExists?.(dir) ?? false);
  const options = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    strict: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const program = ts.createProgram(['/virtual/index.d.ts'], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile('/virtual/index.d.ts')!)!;
  return checker
    .getExportsOfModule(module)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const typeOnly = symbol.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d)) ?? false;
      return `${symbol.name}: ${target.flags & ts.SymbolFlags.Value && !typeOnly ? 'value' : 'type'}`;
    })
    .sort();
}

const ROLLED_UP = `import { Base } from './base.js';
export { Shared } from './base.js';

/** The client. */
declare class Client extends Base {
    call(input?: Input): void;
}
/** Named only as a type. */
declare class Hidden {
    private x;
}
interface Input {
    Name?: string | undefined;
}
type Alias = Input;
/** Overloads share a name. */
declare function over(a: string): void;
declare function over(a: number): void;
declare const op: { action: string };
declare const local: number;
/** A class and an interface merged. */
declare class Both {}
interface Both { extra: string }
declare function renamed(): void;

export { Both, Client, over, op, renamed as other };
export type { Alias, Hidden, Input };
`;

describe('inlineExports', () => {
  const out = inlineExports(ROLLED_UP);
  it('exports each listed declaration in place, without `declare`, and keeps its doc above it', () => {
    expect(out).toContain('/** The client. */\nexport class Client extends Base {');
    expect(out).toContain(
      '/** Overloads share a name. */\nexport function over(a: string): void;\nexport function over(a: number): void;',
    );
    expect(out).toContain('export const op: { action: string };');
    expect(out).toContain('export interface Input {');
    expect(out).toContain('export type Alias = Input;');
    // Merged declarations must all be exported or none.
    expect(out).toContain('export class Both {}\nexport interface Both { extra: string }');
  });

  it('leaves in a list what would change meaning in place: a rename, a class exported as a type alone', () => {
    expect(out).toContain('export { renamed as other };');
    expect(out).toContain('export type { Hidden };');
    expect(out).toContain('declare class Hidden {');
    expect(out).toContain('declare function renamed(): void;');
  });

  it('leaves unexported declarations and re-exports of other modules as they were', () => {
    expect(out).toContain('declare const local: number;');
    expect(out).toContain("export { Shared } from './base.js';");
  });

  it('exports the same names, each a value or a type as before', () => {
    const before = exportsOf(ROLLED_UP);
    expect(before).toContain('Client: value');
    expect(before).toContain('Hidden: type');
    expect(exportsOf(out)).toEqual(before);
  });
});
