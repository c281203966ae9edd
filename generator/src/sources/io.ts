/**
 * Reading and writing the committed source facts (`sources/<source>/`): one file per service version,
 * written so that each action and each shape sits on one line. The files stay small enough to
 * commit and a change of one action shows as a change of one line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceFacts, SourceIndex, SourceName } from './facts.js';

/** `rds_mysql-2022-01-01.json`: the file of one service version. */
export function factsFileName(facts: Pick<ServiceFacts, 'service' | 'versions'>): string {
  return `${facts.service}-${facts.versions[0] ?? 'unversioned'}.json`;
}

/** The facts as text: the top level on separate lines, one line per action and per shape. */
export function renderFacts(facts: ServiceFacts): string {
  const lines = ['{'];
  const head = Object.entries(facts).filter(([key]) => key !== 'actions' && key !== 'shapes');
  for (const [key, value] of head) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const actions = [...facts.actions].sort((a, b) => compare(a.name, b.name));
  lines.push('  "actions": [');
  const actionLines = actions.map((action) => `    ${JSON.stringify(action)}`);
  lines.push(actionLines.join(',\n'));
  lines.push('  ],');
  const shapes = Object.keys(facts.shapes).sort(compare);
  lines.push('  "shapes": {');
  lines.push(shapes.map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(facts.shapes[name])}`).join(',\n'));
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** What a facts file is written from: the service version it holds, for its line in index.json. */
type FactsHead = Pick<ServiceFacts, 'service' | 'versions' | 'package'> & { readonly actions: readonly unknown[] };

/**
 * Replaces `dir` with the given facts and an index.json naming where they came from. Files of
 * service versions the source no longer has are removed; files whose text is unchanged are not
 * rewritten. `fileName` names each file when a source can hold two packages of one service version
 * (the Go SDK's `waf` and `wafruntime`).
 */
export function writeSourceFacts(
  dir: string,
  origin: Omit<SourceIndex, 'files' | 'source'>,
  all: readonly ServiceFacts[],
  fileName: (facts: ServiceFacts) => string = factsFileName,
): SourceIndex {
  const source = all[0]?.source ?? 'node';
  return writeFactsDir(dir, all, { fileName, render: renderFacts }, (files) => ({ source, ...origin, files }));
}

/**
 * The writer under every source's facts: one file per service version (named by `fileName`, its text
 * from `render`), stale files removed, and the index `makeIndex` builds from the sorted file list.
 *
 * @throws {Error} two service versions would write the same file
 */
export function writeFactsDir<F extends FactsHead, I extends SourceIndex>(
  dir: string,
  all: readonly F[],
  write: { readonly fileName: (facts: F) => string; readonly render: (facts: F) => string },
  makeIndex: (files: SourceIndex['files']) => I,
): I {
  const files: SourceIndex['files'][number][] = [];
  const texts = new Map<string, string>();
  for (const facts of all) {
    const file = write.fileName(facts);
    if (texts.has(file)) throw new Error(`${dir}: two service versions write ${file}`);
    texts.set(file, write.render(facts));
    files.push({
      file,
      service: facts.service,
      version: facts.versions[0] ?? '',
      package: facts.package,
      actions: facts.actions.length,
    });
  }
  files.sort((a, b) => compare(a.file, b.file));
  const index = makeIndex(files);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.json') && name !== 'index.json' && !texts.has(name)) rmSync(join(dir, name));
  }
  for (const [file, text] of texts) writeIfChanged(join(dir, file), text);
  writeIfChanged(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

/** Every service version of one source, as committed under `root/<source>/`. Empty when absent. */
export function readSourceFacts(root: string, source: SourceName): ServiceFacts[] {
  const dir = join(root, source);
  if (!existsSync(join(dir, 'index.json'))) return [];
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SourceIndex;
  return index.files.map((entry) => JSON.parse(readFileSync(join(dir, entry.file), 'utf8')) as ServiceFacts);
}

export function readSourceIndex(root: string, source: SourceName): SourceIndex | undefined {
  const file = join(root, source, 'index.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SourceIndex) : undefined;
}

function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

/** Code-unit order, the same on every machine (no locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
