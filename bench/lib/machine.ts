/** A description of the machine and checkout a run happened on, for RESULTS.md. */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, type } from 'node:os';

export interface Machine {
  readonly nproc: number;
  readonly cpu: string;
  readonly node: string;
  readonly os: string;
  readonly date: string;
  readonly commit: string;
  readonly loadAtStart: string;
}

export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

function gitCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'packages/core', 'packages/redis', 'generator', 'spec'],
      { cwd, encoding: 'utf8' },
    ).trim();
    return dirty ? `${head} (with uncommitted changes in packages/core, packages/redis, generator or spec)` : head;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(repo: string): Machine {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${type()} ${release()}`,
    date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    commit: gitCommit(repo),
    loadAtStart: loadAverage(),
  };
}
