/**
 * Adds entries to maps of an existing YAML document without touching a byte of what is there.
 *
 * The `yaml` Document API finds the maps and their source ranges; the new entries are rendered on
 * their own and spliced into the original text. Re-stringifying the whole document instead would
 * re-fold hand-written `>-` descriptions and re-space flow lists, so the hand-written parts of a spec
 * would change on every import.
 */
import { isMap, isPair, isScalar, type Document, type Pair, type YAMLMap } from 'yaml';
import { renderEntries } from './render.js';

/** Where new keys go among the existing ones. */
export type Placement =
  | { readonly kind: 'end' }
  /** Before the first existing key that sorts after the new one (by `sortKey`, code-unit order). */
  | { readonly kind: 'sorted'; readonly sortKey: (key: string) => string }
  /** Before the first existing key that comes later in `order`; keys not in `order` are never anchors. */
  | { readonly kind: 'order'; readonly order: readonly string[] };

export interface MapAddition {
  /** Keys from the root to an existing map (or an existing key with an empty value); `[]` is the root. */
  readonly path: readonly string[];
  /** New entries, none of them present yet, in the order they should appear among themselves. */
  readonly entries: readonly (readonly [string, unknown])[];
  readonly placement: Placement;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Returns `source` with the entries added; `doc` must be `parseDocument(source)`. */
export function addEntries(source: string, doc: Document.Parsed, additions: readonly MapAddition[]): string {
  const lines = new LineIndex(source);
  const edits: Edit[] = [];
  for (const addition of additions) {
    if (addition.entries.length > 0) edits.push(...editsFor(source, doc, lines, addition));
  }
  // Keep a CRLF file CRLF.
  if (source.includes('\r\n')) for (const edit of edits) edit.text = edit.text.replaceAll('\n', '\r\n');
  return applyEdits(source, edits);
}

function editsFor(source: string, doc: Document.Parsed, lines: LineIndex, addition: MapAddition): Edit[] {
  const { path, entries, placement } = addition;
  const where = path.length === 0 ? 'the document root' : path.join('.');
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);

  if (isMap(node) && !node.flow && node.items.length > 0) {
    const column = lines.column(keyOffset(node.items[0]!, where));
    const edits: Edit[] = [];
    const end = node.range![1];
    for (const [key, value] of entries) {
      const anchor = anchorFor(node, key, placement);
      const at = anchor ? lines.blockStart(keyOffset(anchor, where)) : end;
      edits.push({ start: at, end: at, text: lines.atLineStart(at) + renderEntries([[key, value]], column) });
    }
    return edits;
  }

  // An empty map written as `key:`, `key: null`, `key: ~` or `key: {}`: the entries go below the key.
  const emptyValue = isScalar(node) ? node.value === null : isMap(node) && node.items.length === 0;
  if (path.length > 0 && (emptyValue || node === undefined || node === null)) {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const pair = isMap(parent)
      ? parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1))
      : undefined;
    if (pair && isScalar(pair.key) && pair.key.range && (pair.value === null || emptyValue)) {
      const keyAt = pair.key.range[0];
      const edits: Edit[] = [];
      const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
      if (valueRange && valueRange[1] > valueRange[0]) {
        // Drop the `{}`/`null` text together with the spaces before it.
        let start = valueRange[0];
        while (start > 0 && source[start - 1] === ' ') start -= 1;
        edits.push({ start, end: valueRange[1], text: '' });
      }
      const at = lines.nextLineStart(keyAt);
      edits.push({ start: at, end: at, text: lines.atLineStart(at) + renderEntries(entries, lines.column(keyAt) + 2) });
      return edits;
    }
  }
  throw new Error(`cannot add ${entries.map(([key]) => key).join(', ')} to ${where}: it must be a block-style map`);
}

function anchorFor(map: YAMLMap, key: string, placement: Placement): Pair | undefined {
  if (placement.kind === 'end') return undefined;
  if (placement.kind === 'sorted') {
    const wanted = placement.sortKey(key);
    return map.items.find((item) => placement.sortKey(keyText(item)) > wanted);
  }
  const rank = placement.order.indexOf(key);
  if (rank < 0) return undefined;
  return map.items.find((item) => placement.order.indexOf(keyText(item)) > rank);
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function keyOffset(pair: unknown, where: string): number {
  if (isPair(pair) && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  throw new Error(`cannot add entries to ${where}: it has a key that is not a plain scalar`);
}

/** Applies non-overlapping edits; inserts at one offset keep the order they were given in. */
function applyEdits(source: string, edits: Edit[]): string {
  const ordered = edits
    .map((edit, index) => ({ ...edit, index }))
    .sort((a, b) => b.start - a.start || b.index - a.index);
  let text = source;
  for (const edit of ordered) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

class LineIndex {
  constructor(private readonly source: string) {}

  lineStart(offset: number): number {
    return this.source.lastIndexOf('\n', offset - 1) + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  nextLineStart(offset: number): number {
    const newline = this.source.indexOf('\n', offset);
    return newline < 0 ? this.source.length : newline + 1;
  }

  /** A newline to prepend when `offset` is not at the start of a line (a file without a final newline). */
  atLineStart(offset: number): string {
    return offset === 0 || this.source[offset - 1] === '\n' ? '' : '\n';
  }

  /** Start of a map entry: its key's line, and the comment lines right above it at the same column. */
  blockStart(keyAt: number): number {
    const column = this.column(keyAt);
    let start = this.lineStart(keyAt);
    while (start > 0) {
      const previous = this.lineStart(start - 1);
      const line = this.source.slice(previous, start - 1);
      const indent = line.length - line.trimStart().length;
      if (!line.trimStart().startsWith('#') || indent !== column) break;
      start = previous;
    }
    return start;
  }
}
