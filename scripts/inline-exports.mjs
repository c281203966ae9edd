/**
 * Folds the export lists rollup-plugin-dts writes at the end of a rolled-up declaration file
 * (`declare function f(...)` ... `export { f, ... }`) into `export` on the declarations themselves
 * (`export function f(...)`). A consumer's type-checker then parses and binds one node less per
 * declaration (`declare` goes: a .d.ts is ambient already) and no export specifier per name (issue 24:
 * ~6 MB and 10,000 identifiers fewer for 20 service packages).
 *
 * Only what keeps its meaning moves: names exported under their own name, declared in this file, and,
 * from an `export type { }` list, only interfaces and type aliases (a class listed there is exported as
 * a type alone). The rest stays in the lists.
 */
import ts from 'typescript';

const { SyntaxKind } = ts;

/** Declarations whose name an export list may name; each kind says whether it is a type alone. */
const TYPE_ONLY = new Map([
  [SyntaxKind.InterfaceDeclaration, true],
  [SyntaxKind.TypeAliasDeclaration, true],
  [SyntaxKind.ClassDeclaration, false],
  [SyntaxKind.FunctionDeclaration, false],
  [SyntaxKind.EnumDeclaration, false],
  [SyntaxKind.ModuleDeclaration, false],
  [SyntaxKind.VariableStatement, false],
]);

/** `code`, a rolled-up declaration file, with its local export lists folded into the declarations. */
export function inlineExports(code) {
  const file = ts.createSourceFile('index.d.ts', code, ts.ScriptTarget.Latest, true);
  const declarations = new Map();
  for (const statement of file.statements) {
    const name = declaredName(statement);
    if (name !== undefined) declarations.set(name, [...(declarations.get(name) ?? []), statement]);
  }
  const lists = file.statements.filter(
    (s) => ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause),
  );
  const edits = [];
  const inlined = new Set();
  for (const list of lists) {
    const kept = [];
    for (const specifier of list.exportClause.elements) {
      const name = specifier.name.text;
      const declared = declarations.get(name);
      const movable =
        !specifier.propertyName &&
        !specifier.isTypeOnly &&
        declared !== undefined &&
        !declared.some((d) => hasExport(d)) &&
        (!list.isTypeOnly || declared.every((d) => TYPE_ONLY.get(d.kind)));
      if (movable && !inlined.has(name)) {
        inlined.add(name);
        for (const statement of declared) edits.push(exportEdit(statement));
      } else if (!movable) kept.push(specifier.getText(file));
    }
    const keyword = list.isTypeOnly ? 'export type' : 'export';
    edits.push({
      start: list.getStart(file),
      end: list.end,
      text: kept.length > 0 ? `${keyword} { ${kept.join(', ')} };` : '',
    });
  }
  // Applied front to back into a list of pieces: splicing a long text edit by edit copies it each time.
  const pieces = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    pieces.push(code.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(code.slice(at));
  return pieces
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n+$/, '\n');
}

/** The one name a top-level statement declares, when it is a kind an export list may name. */
function declaredName(statement) {
  if (!TYPE_ONLY.has(statement.kind)) return undefined;
  if (ts.isVariableStatement(statement)) {
    const list = statement.declarationList.declarations;
    return list.length === 1 && ts.isIdentifier(list[0].name) ? list[0].name.text : undefined;
  }
  return statement.name && ts.isIdentifier(statement.name) ? statement.name.text : undefined;
}

function hasExport(statement) {
  return statement.modifiers?.some((m) => m.kind === SyntaxKind.ExportKeyword) ?? false;
}

/** `declare x` becomes `export x`; a declaration without `declare` (an interface) gains `export`. */
function exportEdit(statement) {
  const start = statement.getStart();
  const declare = statement.modifiers?.find((m) => m.kind === SyntaxKind.DeclareKeyword);
  return declare && declare.getStart() === start
    ? { start, end: declare.end, text: 'export' }
    : { start, end: start, text: 'export ' };
}
