import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type Pair,
  type Scalar,
  type YAMLError,
} from 'yaml';
import { SpecError, type Diagnostic } from './diagnostics.js';

export type JsonPath = readonly (string | number)[];

/** A parsed spec: the plain data, plus a way back from any JSON path to its line and column. */
export interface SpecDocument {
  /** Path as shown in messages: relative to the working directory. */
  readonly file: string;
  readonly data: unknown;
  /** Where the value at `path` starts; `key: true` points at the member's name instead. Falls back to the nearest parent. */
  locate(path: JsonPath, options?: { key?: boolean }): { line: number; column: number };
}

/** A diagnostic pinned to the value (or, with `key`, the member name) at `path` in the document. */
export function diagnosticAt(
  doc: SpecDocument,
  path: JsonPath,
  rule: string,
  message: string,
  hint?: string,
  key = false,
): Diagnostic {
  const { line, column } = doc.locate(path, { key });
  return { file: doc.file, line, column, rule, message, ...(hint ? { hint } : {}) };
}

export function readSpec(filePath: string): SpecDocument {
  const file = relative(process.cwd(), filePath) || filePath;
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new SpecError([{ file, line: 1, column: 1, rule: 'unreadable-file', message: (error as Error).message }]);
  }
  return parseSpec(text, file);
}

export function parseSpec(text: string, file: string): SpecDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // Only the first error: the later ones usually follow from it (one tab can make dozens).
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (first) throw new SpecError([yamlDiagnostic(file, text, doc, first, lineCounter)]);

  const position = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };

  return {
    file,
    data: doc.toJS({ maxAliasCount: 1000 }),
    locate(path, options) {
      let node: unknown = doc.contents;
      let found: unknown = node;
      for (const segment of path) {
        const pair = childPair(node, segment);
        const child = pair ? pair.value : childOfSeq(node, segment);
        if (child === undefined || child === null) {
          if (pair && options?.key) found = pair.key;
          break;
        }
        found = options?.key && pair && segment === path[path.length - 1] ? pair.key : child;
        node = child;
      }
      return position((found as YamlNode | undefined)?.range?.[0]);
    },
  };
}

function childPair(node: unknown, segment: string | number): Pair<unknown, unknown> | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(segment));
}

function childOfSeq(node: unknown, segment: string | number): unknown {
  if (!isSeq(node) || typeof segment !== 'number') return undefined;
  return node.items[segment];
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Error codes of the yaml library that come from keys in the wrong column. */
const INDENTATION_ERRORS = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

/** One YAML error, pinned to the place a person has to change, with a hint. */
function yamlDiagnostic(
  file: string,
  text: string,
  doc: Document,
  error: YAMLError,
  lineCounter: LineCounter,
): Diagnostic {
  const lines = text.split(/\r?\n/);
  const at = lineCounter.linePos(error.pos[0]);
  const base = { file, rule: 'yaml-syntax' };
  if (error.code === 'TAB_AS_INDENT') {
    const tabbed = lines.filter((l) => /^ *\t/.test(l)).length;
    const hint = `indent with spaces; ${tabbed === 1 ? 'this is the only line' : `${tabbed} lines`} of the file start${tabbed === 1 ? 's' : ''} with a tab`;
    return {
      ...base,
      line: at.line,
      column: at.col,
      message: 'a tab is used for indentation; YAML allows only spaces',
      hint,
    };
  }
  if (error.code === 'DUPLICATE_KEY') {
    const duplicate = duplicateKey(doc, error.pos[0]);
    if (duplicate) {
      const firstAt = lineCounter.linePos(duplicate.firstOffset);
      return {
        ...base,
        rule: 'duplicate-key',
        line: at.line,
        column: at.col,
        message: `duplicate key "${duplicate.key}": first defined on line ${firstAt.line}`,
        hint: 'keep one of the two entries (merge their contents if both are needed)',
      };
    }
  }
  if (INDENTATION_ERRORS.has(error.code)) {
    const misplaced = misplacedKey(lines, at.line, error.code === 'BAD_INDENT');
    if (misplaced) return { ...base, ...misplaced };
  }
  return {
    ...base,
    line: at.line,
    column: at.col,
    message: firstLine(error.message),
    hint: 'fix this first: later YAML errors often follow from it',
  };
}

/** The key at `offset` that repeats one before it in the same mapping, and where that one starts. */
function duplicateKey(doc: Document, offset: number): { key: string; firstOffset: number } | undefined {
  let found: { key: string; firstOffset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const index = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
      if (index < 0) return undefined;
      const key = String((map.items[index]!.key as Scalar).value);
      const first = map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
      found = { key, firstOffset: (first!.key as Scalar).range?.[0] ?? offset };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * The line whose indentation breaks the mapping, compared with the content line before it. The yaml
 * library reports some of these on the line before (the value that "swallowed" the next key).
 */
function misplacedKey(
  lines: readonly string[],
  errorLine: number,
  onErrorLine: boolean,
): Omit<Diagnostic, 'file' | 'rule'> | undefined {
  const isContent = (l: string | undefined) => l !== undefined && l.trim() !== '' && !l.trim().startsWith('#');
  let target = onErrorLine ? errorLine : errorLine + 1;
  while (target <= lines.length && !isContent(lines[target - 1])) target++;
  let previous = target - 1;
  while (previous >= 1 && !isContent(lines[previous - 1])) previous--;
  const line = lines[target - 1];
  const before = lines[previous - 1];
  const indent = (l: string) => l.length - l.trimStart().length;
  // Same column: the cause is something else (an unclosed bracket, say); the library's message fits better.
  if (line === undefined || before === undefined || indent(line) === indent(before)) return undefined;
  const keyOf = (l: string) => /^\s*(?:- )?([^:#]+?):(?:\s|$)/.exec(l)?.[1] ?? l.trim();
  const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
  return {
    line: target,
    column: indent(line) + 1,
    message: `"${keyOf(line)}" is indented by ${spaces(indent(line))}, but "${keyOf(before)}" on line ${previous} by ${spaces(indent(before))}`,
    hint: 'keys of one mapping start in the same column; a nested mapping goes under a key that ends with ":"',
  };
}

/**
 * A spec whose data was parsed elsewhere (a faster parser, or JSON). Positions cost a second parse, so
 * `locate` parses `text` with positions only when first asked, which happens only when there is a
 * problem to report; without `text` (JSON written by a build step) every position is 1:1.
 */
export function specFromData(data: unknown, file: string, text?: string): SpecDocument {
  let located: SpecDocument | undefined;
  return {
    file,
    data,
    locate(path, options) {
      if (text === undefined) return { line: 1, column: 1 };
      located ??= parseSpec(text, file);
      return located.locate(path, options);
    },
  };
}
