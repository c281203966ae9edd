/**
 * Doc lines built from the facts a spec states about a member or an action, and nothing else: its type
 * and precision, whether it is required, its values, range, length, item count and format, and which
 * official sources state it. A fact the spec does not state is left out, never guessed.
 */
import type { CrosscheckNote, PropertyModel, ShapeModel, SourceName, TypeModel } from '@volc-ts/spec';

/** Doc lines wrap before this many characters, so that hovers stay readable. */
const WIDTH = 100;

const SOURCE_LABELS: Record<SourceName, string> = { node: 'Node SDK', go: 'Go SDK', cli: 'CLI' };

/** "the Node SDK", "the Node SDK and the Go SDK", "the Node SDK, the Go SDK and the CLI". */
export function sourceList(sources: readonly SourceName[]): string {
  const names = sources.map((s) => `the ${SOURCE_LABELS[s] ?? s}`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Which official sources state a member or an action: "Sources: Node SDK, Go SDK." or "Source: Go SDK
 * only." Kept short: it is on nearly every member, and every consumer's compiler reads it (issue 24).
 */
export function sourcesLine(sources: readonly SourceName[] | undefined): string[] {
  if (!sources || sources.length === 0) return [];
  const names = sources.map((s) => SOURCE_LABELS[s] ?? s);
  return [names.length === 1 ? `Source: ${names[0]} only.` : `Sources: ${names.join(', ')}.`];
}

/**
 * Sentences that say only what the declaration already says (`string`, `boolean`, `number`, a named
 * object type, `?` or its absence): left out of a member's doc unless the doc would otherwise be empty.
 */
const DECLARED = new Set([
  'String.',
  'Boolean.',
  'Number.',
  'Optional.',
  'Required.',
  'May be absent.',
  'Always present.',
]);

/**
 * The facts of one member, as doc lines: a sentence of its type, values and bounds with whether it is
 * required; its pattern; which sources state it; where sources disagree about it. With `terse` (the
 * default), sentences that only repeat the declared type and `?` are left out (see DECLARED).
 */
export function memberFactLines(shape: ShapeModel, property: PropertyModel, input: boolean, terse = true): string[] {
  const rules = property.ruleSources ?? {};
  // " (per Go SDK, CLI)" after a fact that `x-volc-rule-sources` attributes to sources; "" otherwise.
  const by = (rule: string) => {
    const sources = rules[rule];
    return sources && sources.length > 0 ? ` (per ${sources.map((s) => SOURCE_LABELS[s] ?? s).join(', ')})` : '';
  };
  const required = shape.required.includes(property.name);
  const notes = memberNotes(shape, property.name);
  const requiredNote = notes.some((note) => note.subject.startsWith('required '));
  const presence = input
    ? required
      ? [`Required${by('required')}.`]
      : ['Optional.', ...(requiredNote ? [] : requiredElsewhere(rules.required))]
    : [required ? 'Always present.' : 'May be absent.'];
  const sentences = [typeSentence(property.type, by, input), ...presence];
  const kept = terse
    ? sentences.filter((sentence) => !DECLARED.has(sentence) && !/^Object: `/.test(sentence))
    : sentences;
  const lines = kept.length > 0 ? wrap(kept.join(' ')) : [];
  const type = property.type;
  if (type.kind === 'string' && type.pattern !== undefined) lines.push(`Pattern: \`${type.pattern}\`.`);
  lines.push(...sourcesLine(property.sources));
  for (const note of notes) lines.push(...wrap(noteSentence(note)));
  return lines;
}

/** A member that one source requires while the spec leaves it optional. */
function requiredElsewhere(sources: readonly SourceName[] | undefined): string[] {
  if (!sources || sources.length === 0) return [];
  return [`${capitalize(sourceList(sources))} ${sources.length === 1 ? 'requires' : 'require'} it.`];
}

/** The crosscheck notes of a shape that are about one member: `required Zone`, `type Size`, `name Query`. */
function memberNotes(shape: ShapeModel, name: string): CrosscheckNote[] {
  return (shape.crosscheck ?? []).filter((note) => note.subject.split(' ').slice(1).join(' ') === name);
}

/** "Sources differ on its type: the Node SDK says `string`, the Go SDK `integer`; `integer` is used." */
export function noteSentence(note: CrosscheckNote, about?: string): string {
  const kind = note.subject.split(' ')[0];
  const what = about ?? (kind === 'required' ? 'whether it is required' : `its ${kind}`);
  const said = (Object.entries(note.stated) as [SourceName, string][]).map(
    ([source, value]) => `the ${SOURCE_LABELS[source] ?? source} says \`${value}\``,
  );
  const chosen = note.chosen !== undefined ? `; this SDK uses \`${note.chosen}\`` : '';
  return `Sources differ on ${what}: ${said.join(', ')}${chosen}.`;
}

/** "Integer (int32), from 1 to 100." */
function typeSentence(type: TypeModel, by: (rule: string) => string, input: boolean): string {
  switch (type.kind) {
    case 'string':
      return `${capitalize(stringPhrase(type, by, input))}.`;
    case 'integer':
    case 'number':
      return `${capitalize(numberPhrase(type, by))}.`;
    case 'boolean':
      return 'Boolean.';
    case 'array': {
      const count = countPhrase(type.minItems, type.maxItems, 'item', by('minItems') || by('maxItems'));
      const unique = type.uniqueItems ? 'no item repeated' : '';
      const extra = [count, unique].filter(Boolean).join(', ');
      return `List of ${itemsNoun(type.items, input)}${extra ? `, ${extra}` : ''}.`;
    }
    case 'map':
      return `Map from string keys to ${itemsNoun(type.values, input)}.`;
    case 'ref':
      return `Object: \`${type.name}\`.`;
    case 'object':
      return 'Object with any members.';
    case 'unknown':
      return 'Any JSON value.';
  }
}

function stringPhrase(
  type: Extract<TypeModel, { kind: 'string' }>,
  by: (rule: string) => string,
  input: boolean,
): string {
  const parts: string[] = [];
  if (type.format === 'date-time') parts.push('string, a UTC time written `yyyy-MM-ddTHH:mm:ssZ`');
  else
    parts.push(type.format ? `string (format ${type.format}${by('format').replace(/^ \((.*)\)$/, ', $1')})` : 'string');
  if (type.const !== undefined) parts.push(`always \`${type.const}\``);
  else if (type.enum)
    parts.push(
      type.enumConfirmed
        ? `one of ${type.enum.map((v) => `\`${v}\``).join(', ')}`
        : `known values${by('enum')}: ${type.enum.map((v) => `\`${v}\``).join(', ')} (others ${input ? 'are accepted' : 'may appear'})`,
    );
  const chars = countPhrase(type.minLength, type.maxLength, 'character', by('minLength') || by('maxLength'));
  if (chars) parts.push(chars);
  const bytes = countPhrase(type.minBytes, type.maxBytes, 'byte', by('x-volc-min-bytes') || by('x-volc-max-bytes'));
  if (bytes) parts.push(bytes.replace(/ bytes?/, (unit) => `${unit} in UTF-8`));
  return parts.join(', ');
}

function numberPhrase(type: Extract<TypeModel, { kind: 'integer' | 'number' }>, by: (rule: string) => string): string {
  const kind = type.kind === 'integer' ? 'integer' : 'number';
  const per = by('format').replace(/^ \((.*)\)$/, ', $1');
  const precision =
    type.format === 'int64' ? ` (int64${per}; a \`bigint\` beyond 2^53)` : type.format ? ` (${type.format}${per})` : '';
  const range = rangePhrase(type, by('minimum') || by('maximum'));
  return `${kind}${precision}${range ? `, ${range}` : ''}`;
}

function rangePhrase(type: Extract<TypeModel, { kind: 'integer' | 'number' }>, source: string): string {
  const low =
    type.minimum !== undefined
      ? { value: type.minimum, open: false }
      : type.exclusiveMinimum !== undefined
        ? { value: type.exclusiveMinimum, open: true }
        : undefined;
  const high =
    type.maximum !== undefined
      ? { value: type.maximum, open: false }
      : type.exclusiveMaximum !== undefined
        ? { value: type.exclusiveMaximum, open: true }
        : undefined;
  if (low && high && !low.open && !high.open) return `from ${low.value} to ${high.value}${source}`;
  const bounds = [
    low ? (low.open ? `greater than ${low.value}` : `at least ${low.value}`) : '',
    high ? (high.open ? `less than ${high.value}` : `at most ${high.value}`) : '',
  ].filter(Boolean);
  return bounds.length > 0 ? `${bounds.join(' and ')}${source}` : '';
}

/** "1 to 64 characters", "at most 10 items", "exactly 1 item". */
function countPhrase(min: number | undefined, max: number | undefined, unit: string, source: string): string {
  const units = (n: number) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${units(min)}${source}` : `${min} to ${units(max)}${source}`;
  if (max !== undefined) return `at most ${units(max)}${source}`;
  if (min !== undefined && min > 0) return `at least ${units(min)}${source}`;
  return '';
}

/** What a list holds: "strings", "integers (int32)", "{@link Tag} objects", "strings, one of `A`, `B`". */
function itemsNoun(type: TypeModel, input: boolean): string {
  switch (type.kind) {
    case 'ref':
      return `\`${type.name}\` objects`;
    case 'string': {
      const phrase = stringPhrase(type, () => '', input);
      return phrase === 'string' ? 'strings' : `strings (${phrase.replace(/^string,? ?/, '')})`;
    }
    case 'integer':
    case 'number': {
      const phrase = numberPhrase(type, () => '');
      return phrase.replace(/^(integer|number)/, '$1s');
    }
    case 'boolean':
      return 'booleans';
    case 'array':
      return `lists of ${itemsNoun(type.items, input)}`;
    case 'map':
      return `maps of ${itemsNoun(type.values, input)}`;
    case 'object':
      return 'objects';
    case 'unknown':
      return 'JSON values';
  }
}

function capitalize(text: string): string {
  return text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** Splits a sentence at spaces into lines of at most WIDTH characters (a longer word stays whole). */
export function wrap(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + 1 + word.length > WIDTH) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}
