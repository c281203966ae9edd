import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildServiceModel, loadModels, parseSpec, specFiles, type ServiceModel } from '@volc-ts/spec';
import { readBaseSpecs } from './base-specs.js';
import { diffServiceModels } from './diff.js';
import { levelOf, releaseLevel, type BumpLevel, type SpecChange } from './levels.js';

/** The release one package needs because its spec changed since the base. */
export interface PackageBump {
  /** npm name: `@volc-ts/redis`. */
  readonly packageName: string;
  /** The spec the package is generated from now (or was, for a removed one). */
  readonly specFile: string;
  /**
   * `changed` or `unchanged` against its base; `new` when the base has no spec for the package (it is
   * first published at the version in its package.json, so it needs no changeset); `removed` when
   * only the base has it (the package is no longer generated: deprecate it on npm by hand).
   */
  readonly status: 'changed' | 'unchanged' | 'new' | 'removed';
  /**
   * The bump to release: the largest among the changes, moved one place right while the package is
   * below 1.0.0 (see `releaseLevel`); `none` when nothing a user can notice changed.
   */
  readonly bump: BumpLevel | 'none';
  /** The package's version now (`packages/<name>/package.json`), when the package exists. */
  readonly version?: string;
  readonly changes: readonly SpecChange[];
}

export interface ProposeBumpsOptions {
  /** A git ref (tag, branch, commit), a spec file or a directory of specs: the last released specs. */
  readonly base: string;
  /** The current specs: a file or a directory. @default 'spec' */
  readonly spec?: string;
  /** Where relative paths and git run from. @default process.cwd() */
  readonly cwd?: string;
}

/**
 * Compares every current spec with its version at `base` and proposes the semver bump of each
 * generated package. Specs are matched by package name, so a renamed file is still compared.
 */
export function proposeBumps(options: ProposeBumpsOptions): PackageBump[] {
  const spec = options.spec ?? 'spec';
  const cwd = options.cwd ?? process.cwd();
  const head = loadModels(specFiles(resolve(cwd, spec)));
  const base = new Map<string, ServiceModel>();
  for (const { label, text } of readBaseSpecs(options.base, spec, cwd)) {
    const model = buildServiceModel(parseSpec(text, label));
    base.set(model.packageName, model);
  }

  const bumps: PackageBump[] = head.map((model) => {
    const packageName = `@volc-ts/${model.packageName}`;
    const before = base.get(model.packageName);
    if (!before) return { packageName, specFile: model.file, status: 'new', bump: 'none', changes: [] };
    const changes = diffServiceModels(before, model);
    const version = packageVersion(join(cwd, 'packages', model.packageName));
    const bump = releaseLevel(levelOf(changes), version);
    return {
      packageName,
      specFile: model.file,
      status: bump === 'none' ? 'unchanged' : 'changed',
      bump,
      changes,
      ...(version ? { version } : {}),
    };
  });
  const current = new Set(head.map((m) => m.packageName));
  for (const [name, model] of base) {
    if (!current.has(name))
      bumps.push({
        packageName: `@volc-ts/${name}`,
        specFile: model.file,
        status: 'removed',
        bump: 'none',
        changes: [],
      });
  }
  return bumps.sort((a, b) => a.packageName.localeCompare(b.packageName));
}

function packageVersion(dir: string): string | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version : undefined;
}

/** A readable report: one block per package, its proposed bump and why. */
export function formatBumps(bumps: readonly PackageBump[]): string {
  if (bumps.length === 0) return 'no specs found';
  return bumps
    .map((b) => {
      const below1 =
        b.status === 'changed' && b.bump !== levelOf(b.changes)
          ? ` (${levelOf(b.changes)} change, one place right below 1.0.0: ${b.version})`
          : '';
      const head = `${b.packageName}: ${b.status === 'changed' ? b.bump + below1 : b.status === 'unchanged' ? 'no change' : b.status === 'new' ? 'new package (no changeset needed)' : 'spec removed (deprecate the package by hand)'}`;
      return [head, ...b.changes.map((c) => `  ${c.level.padEnd(5)}  ${c.where}: ${c.message}`)].join('\n');
    })
    .join('\n');
}
