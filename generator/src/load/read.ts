import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { SpecError, type Diagnostic } from '../diagnostics.js';

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
export function diagnosticAt(doc: SpecDocument, path: JsonPath, rule: string, message: string, hint?: string, key = false): Diagnostic {
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
  if (doc.errors.length > 0) {
    const diagnostics: Diagnostic[] = doc.errors.map((error) => {
      const pos = lineCounter.linePos(error.pos[0]);
      return { file, line: pos.line, column: pos.col, rule: 'yaml-syntax', message: firstLine(error.message) };
    });
    throw new SpecError(diagnostics);
  }

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
