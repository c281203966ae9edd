/**
 * Release help for spec changes: compare the specs with the last released ones, propose each
 * package's semver bump, and write or check the changesets that carry it.
 */
import { resolve } from 'node:path';
import { missingChangesets, writeChangesets } from './changesets.js';
import { formatBumps, proposeBumps, type PackageBump } from './propose.js';

export { diffServiceModels } from './diff.js';
export { levelOf, maxLevel, releaseLevel, type BumpLevel, type SpecChange } from './levels.js';
export { readBaseSpecs, type BaseSpec } from './base-specs.js';
export { changesetFileName, missingChangesets, pendingBumps, renderChangeset, writeChangesets } from './changesets.js';
export { formatBumps, proposeBumps, type PackageBump, type ProposeBumpsOptions } from './propose.js';

export interface BumpCommandOptions {
  /** Git ref, spec file or spec directory holding the last released specs. */
  readonly base: string;
  /** @default 'spec' */
  readonly spec?: string;
  /** Write one changeset per package that needs a release. */
  readonly write?: boolean;
  /** Fail (exit code 1) when a package's pending changesets give it less than the proposed bump. */
  readonly check?: boolean;
  /** @default '.changeset' */
  readonly changesetDir?: string;
  /** @default process.cwd() */
  readonly cwd?: string;
}

export interface BumpCommandResult {
  readonly bumps: readonly PackageBump[];
  /** What to print. */
  readonly report: string;
  /** Changeset files written (with `write`). */
  readonly written: readonly string[];
  /** 0, or 1 when `check` found a package without a large enough changeset. */
  readonly exitCode: number;
}

/** `volc-gen bump --base <ref|file|dir> [--spec spec] [--write] [--check]`, without the printing. */
export function bumpCommand(options: BumpCommandOptions): BumpCommandResult {
  const cwd = options.cwd ?? process.cwd();
  const directory = resolve(cwd, options.changesetDir ?? '.changeset');
  const bumps = proposeBumps({ base: options.base, spec: options.spec ?? 'spec', cwd });
  const lines = [formatBumps(bumps)];
  const written = options.write ? writeChangesets(bumps, directory) : [];
  for (const file of written) lines.push(`wrote ${file}`);
  let exitCode = 0;
  if (options.check) {
    const missing = missingChangesets(bumps, directory);
    for (const b of missing)
      lines.push(
        `missing changeset: ${b.packageName} needs at least a ${b.bump} bump (volc-gen bump --base ${options.base} --write)`,
      );
    if (missing.length > 0) exitCode = 1;
  }
  return { bumps, report: lines.join('\n'), written, exitCode };
}
