/**
 * Plain data as YAML text in the spec's house style: two-space indents, short `required`/`enum`
 * lists in flow style, `$ref`s and `"200"` double-quoted, long descriptions as folded `>-` blocks.
 */
import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';

const FLOW_LIST_KEYS = new Set(['required', 'enum', 'x-volc-catalog-enum']);
const MAX_FLOW_WIDTH = 100;
const LONG_TEXT = 80;
// Strings that YAML 1.1 readers take for booleans or dates; quoting keeps every tool on one reading.
const AMBIGUOUS = /^(y|n|yes|no|on|off|true|false|null|~|\d{4}-\d{2}-\d{2}.*)$/i;

/** `key: value` lines for each entry, indented by `indent` spaces, each line ending in a newline. */
export function renderEntries(entries: readonly (readonly [string, unknown])[], indent: number): string {
  if (entries.length === 0) return '';
  const doc = new Document(new Map(entries));
  visit(doc, {
    Pair(_, pair, ancestors) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isSeq(pair.value)) {
        const seq = pair.value;
        const width = indent + 2 * nesting(ancestors) + key.length + JSON.stringify(seq.toJSON()).length;
        seq.flow = seq.items.length === 0 || (FLOW_LIST_KEYS.has(key) && width <= MAX_FLOW_WIDTH);
      }
      if (isScalar(pair.key) && /^\d+$/.test(key)) pair.key.type = Scalar.QUOTE_DOUBLE;
      if (key === 'description' && isScalar(pair.value) && String(pair.value.value).length > LONG_TEXT) {
        pair.value.type = Scalar.BLOCK_FOLDED;
      }
    },
    Scalar(_, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.startsWith('#/') || AMBIGUOUS.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  const text = doc.toString({
    indent: 2,
    lineWidth: MAX_FLOW_WIDTH,
    minContentWidth: 0,
    flowCollectionPadding: false,
    singleQuote: false,
  });
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/** How many collections enclose a pair, to estimate the column its flow list would start at. */
function nesting(ancestors: readonly unknown[]): number {
  return ancestors.filter((node) => isMap(node) || isSeq(node)).length - 1;
}
