/**
 * `volc-gen sources cli <checkout>`: the CLI's embedded metadata as committed source facts,
 * `sources/cli/<service>-<version>.json` and `sources/cli/index.json`.
 *
 * Its own renderer (io.ts's writer): the CLI's files have two lists more (`uncallable`, `problems`), and
 * each of their entries gets a line too. Each action, uncallable action, shape and problem sits on one line
 * (actions, uncallable actions and shapes sorted by name; members in the source's order), and the
 * same checkout gives the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CliServiceFacts, readCliSources, type SkippedServiceVersion } from './cli.js';
import type { SourceIndex } from './facts.js';
import { compare, factsFileName, writeFactsDir } from './io.js';

export const CLI_REPO = 'github.com/volcengine/volcengine-cli';

/** index.json of the CLI's facts: the shared index, and the service versions that gave no file. */
export interface CliSourceIndex extends SourceIndex {
  readonly skipped: readonly SkippedServiceVersion[];
}

/** The facts as text: top-level keys on lines of their own, one line per entry of every list. */
export function renderCliFacts(facts: CliServiceFacts): string {
  const byName = <T extends { name: string }>(list: readonly T[]): T[] =>
    [...list].sort((a, b) => compare(a.name, b.name));
  const shapeNames = Object.keys(facts.shapes).sort(compare);
  const lines = ['{'];
  const head: Record<string, unknown> = {
    source: facts.source,
    package: facts.package,
    service: facts.service,
    versions: facts.versions,
    endpoint: facts.endpoint,
  };
  for (const [key, value] of Object.entries(head)) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  const list = (key: string, items: readonly string[], last = false): void => {
    const end = last ? '' : ',';
    if (items.length === 0) {
      lines.push(`  ${JSON.stringify(key)}: []${end}`);
      return;
    }
    lines.push(`  ${JSON.stringify(key)}: [`);
    items.forEach((item, i) => {
      lines.push(`    ${item}${i < items.length - 1 ? ',' : ''}`);
    });
    lines.push(`  ]${end}`);
  };
  list('actions', byName(facts.actions).map(actionLine));
  list(
    'uncallable',
    byName(facts.uncallable).map((u) => JSON.stringify(u)),
  );
  if (shapeNames.length === 0) lines.push('  "shapes": {},');
  else {
    lines.push('  "shapes": {');
    shapeNames.forEach((name, i) => {
      const shape = facts.shapes[name];
      const text = JSON.stringify({ type: 'object', members: shape?.members, required: shape?.required });
      lines.push(`    ${JSON.stringify(name)}: ${text}${i < shapeNames.length - 1 ? ',' : ''}`);
    });
    lines.push('  },');
  }
  list(
    'problems',
    facts.problems.map((p) => JSON.stringify(p)),
    true,
  );
  lines.push('}', '');
  return lines.join('\n');
}

function actionLine(action: CliServiceFacts['actions'][number]): string {
  const { name, version, method, contentType, input, output } = action;
  return JSON.stringify({ name, version, method, contentType, input, output });
}

/**
 * Replaces `dir` with the given facts and an index.json naming where they came from and which service
 * versions gave no file (io.ts's writer, with the CLI's renderer).
 */
export function writeCliFacts(
  dir: string,
  origin: { readonly repo: string; readonly commit: string; readonly commitDate: string },
  all: readonly CliServiceFacts[],
  skipped: readonly SkippedServiceVersion[],
): CliSourceIndex {
  return writeFactsDir(dir, all, { fileName: factsFileName, render: renderCliFacts }, (files) => ({
    source: 'cli',
    ...origin,
    files,
    skipped,
  }));
}

export interface CliSourcesOptions {
  readonly out?: string;
  /** The CLI commit the checkout is of; read with git from the checkout when not given. */
  readonly commit?: string;
  /** That commit's date (ISO 8601); read with git like the commit. */
  readonly date?: string;
}

/** `volc-gen sources cli <checkout>`: writes the facts and says what it wrote. */
export function cliSourcesCommand(checkoutDir: string, options: CliSourcesOptions): string {
  const started = performance.now();
  const out = options.out ?? join('sources', 'cli');
  const { commit, date } = origin(checkoutDir, options);
  const { facts, skipped } = readCliSources(checkoutDir);
  const index = writeCliFacts(out, { repo: CLI_REPO, commit, commitDate: date }, facts, skipped);
  const actions = facts.reduce((n, f) => n + f.actions.length, 0);
  const uncallable = facts.reduce((n, f) => n + f.uncallable.length, 0);
  const problems = facts.reduce((n, f) => n + f.problems.length, 0);
  const ms = Math.round(performance.now() - started);
  return `cli: ${index.files.length} service version(s), ${actions} action(s), ${uncallable} uncallable, ${problems} problem(s), ${skipped.length} skipped -> ${out} in ${ms} ms`;
}

function origin(checkoutDir: string, options: CliSourcesOptions): { commit: string; date: string } {
  if (options.commit && options.date) return { commit: options.commit, date: options.date };
  let fromGit: string[] = [];
  // Only the checkout's own repository: a folder inside another repository must not take its commit.
  if (existsSync(join(checkoutDir, '.git')))
    try {
      fromGit = execFileSync('git', ['-C', checkoutDir, 'log', '-1', '--format=%H%n%cI'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .trim()
        .split('\n');
    } catch {
      // git cannot tell: --commit and --date are needed
    }
  const commit = options.commit ?? fromGit[0];
  const date = options.date ?? fromGit[1];
  if (!commit || !date) {
    throw new Error(`volc-gen sources cli: ${checkoutDir} is not a git checkout; name its --commit and --date`);
  }
  return { commit, date };
}
