/**
 * Wall-clock timing of commands in child processes. Tasks run interleaved (one run of each, round
 * after round) so that machine load hits them alike; the median run is reported.
 */
import { spawnSync } from 'node:child_process';
import { median } from './timing.js';

export interface CommandTask {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

export interface TimedTask {
  readonly name: string;
  readonly medianMs: number;
  readonly runsMs: number[];
  /** stdout of every run, in order. */
  readonly stdouts: string[];
}

export function timeInterleaved(tasks: readonly CommandTask[], runs: number): TimedTask[] {
  const results = tasks.map((task) => ({ name: task.name, runsMs: [] as number[], stdouts: [] as string[] }));
  for (let round = 0; round < runs; round++) {
    tasks.forEach((task, index) => {
      const started = performance.now();
      const run = spawnSync(task.command, task.args, { cwd: task.cwd, encoding: 'utf8' });
      const elapsed = performance.now() - started;
      if (run.status !== 0) {
        throw new Error(`${task.name} failed (${run.status}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
      }
      results[index]!.runsMs.push(elapsed);
      results[index]!.stdouts.push(run.stdout);
    });
  }
  return results.map((r) => ({ ...r, medianMs: median(r.runsMs) }));
}
