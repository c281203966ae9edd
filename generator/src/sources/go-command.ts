/**
 * `volc-gen sources go <checkout>`: the Go SDK's facts under sources/go/, with index.json and a
 * problems.txt listing every line the reader could not use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceFacts } from './facts.js';
import { type GoSdkRead, readGoSdkDetailed } from './go.js';
import { factsFileName, writeSourceFacts } from './io.js';

export const GO_SDK_REPO = 'github.com/volcengine/volcengine-go-sdk';

export interface GoSourcesOptions {
  /** @default 'sources/go' */
  readonly out?: string;
  /** The checkout's commit; read with git when the checkout is a git work tree. */
  readonly commit?: string;
  /** The commit's date (ISO 8601); read with git when the checkout is a git work tree. */
  readonly date?: string;
}

export function goSourcesCommand(checkout: string, options: GoSourcesOptions = {}): string {
  const started = performance.now();
  const out = options.out ?? join('sources', 'go');
  const commit = options.commit ?? git(checkout, ['rev-parse', 'HEAD']);
  const commitDate = options.date ?? git(checkout, ['log', '-1', '--format=%cI']);
  if (!commit || !commitDate) {
    throw new Error(
      `volc-gen sources go: ${checkout} is not a git checkout; say which commit it is with --commit <sha> --date <ISO date>`,
    );
  }
  const read = readGoSdkDetailed(checkout);
  const names = goFileNames(read.services);
  const index = writeSourceFacts(
    out,
    { repo: GO_SDK_REPO, commit, commitDate },
    read.services,
    (facts) => names.get(facts)!,
  );
  writeProblems(join(out, 'problems.txt'), read);
  const lines: string[] = [];
  for (const facts of read.services) {
    const file = names.get(facts)!;
    if (file !== factsFileName(facts)) {
      lines.push(`${facts.service} ${facts.versions[0]}: also in Go folder ${facts.package}, written as ${file}`);
    }
  }
  for (const s of read.skipped) lines.push(`skipped service/${s.folder}: ${s.reason}`);
  const actions = index.files.reduce((n, f) => n + f.actions, 0);
  const shapes = read.services.reduce((n, s) => n + Object.keys(s.shapes).length, 0);
  const resultBounds = read.folders.reduce((n, f) => n + f.resultBounds, 0);
  if (resultBounds > 0)
    lines.push(`${resultBounds} min/max tag(s) on result members not written (Go checks only inputs)`);
  lines.push(
    `go: ${read.folders.length} folder(s), ${index.files.length} service version(s), ${actions} action(s), ${shapes} shape(s), ${read.problems.length} problem(s) -> ${out} in ${Math.round(performance.now() - started)} ms`,
  );
  return lines.join('\n');
}

/**
 * `<service>-<version>.json`; when two Go folders hold one service version (`waf` and `wafruntime`
 * are both waf 2023-12-25), the first folder by name keeps that name and the others add theirs:
 * `waf-2023-12-25.wafruntime.json`.
 */
export function goFileNames(all: readonly ServiceFacts[]): Map<ServiceFacts, string> {
  const names = new Map<ServiceFacts, string>();
  const taken = new Set<string>();
  for (const facts of [...all].sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0))) {
    const plain = factsFileName(facts);
    const file = taken.has(plain) ? plain.replace(/\.json$/, `.${facts.package}.json`) : plain;
    taken.add(file);
    names.set(facts, file);
  }
  return names;
}

function writeProblems(file: string, read: GoSdkRead): void {
  const lines = [
    '# Lines of the Go SDK that volc-gen sources go could not use (file:line: what; the line as written)',
    ...read.skipped.map((s) => `service/${s.folder}: skipped: ${s.reason}`),
    ...read.problems.map((p) => `${p.file}:${p.line}: ${p.message}${p.text ? ` | ${p.text.trim()}` : ''}`),
  ];
  const text = `${lines.join('\n')}\n`;
  mkdirSync(join(file, '..'), { recursive: true });
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
}

function git(dir: string, args: string[]): string | undefined {
  // Only a checkout of its own, not a folder that happens to sit inside another repository.
  if (!existsSync(join(dir, '.git'))) return undefined;
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: 'pipe' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
