import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maxLevel, type BumpLevel } from './levels.js';
import type { PackageBump } from './propose.js';

/** @volc-ts/mock ships every spec and serves what they say, so each spec change releases it too. */
const MOCK_PACKAGE = '@volc-ts/mock';

/**
 * The changeset for one package's spec changes, in the format of `@changesets/cli`: front matter that
 * names the package and its bump (and a patch of @volc-ts/mock, which serves the changed spec), then a
 * summary that lands in the CHANGELOGs.
 */
export function renderChangeset(bump: PackageBump): string {
  if (bump.bump === 'none') throw new Error(`${bump.packageName} has no change to release`);
  return [
    '---',
    `"${bump.packageName}": ${bump.bump}`,
    `"${MOCK_PACKAGE}": patch`,
    '---',
    '',
    `Spec changes (${bump.specFile}):`,
    '',
    ...bump.changes.map((c) => `- ${c.level}: ${c.where}: ${c.message}`),
    '',
  ].join('\n');
}

/** `redis-spec-1a2b3c4d.md`: named after its content, so proposing the same changes twice writes one file. */
export function changesetFileName(bump: PackageBump): string {
  const short = bump.packageName.replace(/^@[^/]+\//, '');
  const hash = createHash('sha256').update(renderChangeset(bump)).digest('hex').slice(0, 8);
  return `${short}-spec-${hash}.md`;
}

/** Writes one changeset per package that needs a release; returns the files written. */
export function writeChangesets(bumps: readonly PackageBump[], directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  return bumps
    .filter((b) => b.bump !== 'none')
    .map((bump) => {
      const file = join(directory, changesetFileName(bump));
      writeFileSync(file, renderChangeset(bump));
      return file;
    });
}

/** The largest bump each package gets from the changesets waiting in `directory`. */
export function pendingBumps(directory: string): Map<string, BumpLevel> {
  const pending = new Map<string, BumpLevel>();
  if (!existsSync(directory)) return pending;
  for (const name of readdirSync(directory).sort()) {
    if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    const text = readFileSync(join(directory, name), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    for (const line of front.split(/\r?\n/)) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (!match?.[1] || !match[2]) continue;
      const level = match[2] as BumpLevel;
      const known = pending.get(match[1]);
      pending.set(match[1], known ? (maxLevel(known, level) as BumpLevel) : level);
    }
  }
  return pending;
}

/** Packages whose proposed bump is larger than what the pending changesets give them. */
export function missingChangesets(bumps: readonly PackageBump[], directory: string): PackageBump[] {
  const pending = pendingBumps(directory);
  return bumps.filter((b) => {
    if (b.bump === 'none') return false;
    const have = pending.get(b.packageName);
    return !have || maxLevel(have, b.bump) !== have;
  });
}
