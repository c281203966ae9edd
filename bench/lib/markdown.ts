/** Renders the sections of a run as the Markdown of RESULTS.md and as console text. */
import type { Machine } from './machine.js';
import type { Goal, Section } from './report.js';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** A failed measurement still gets a section, saying so. */
export interface FailedSection {
  readonly id: number;
  readonly title: string;
  readonly error: string;
}

export interface Run {
  readonly machine: Machine;
  readonly loadAtEnd: string;
  readonly durationSeconds: number;
  readonly sections: readonly Section[];
  readonly failures: readonly FailedSection[];
}

const verdict = (goal: Goal) => (goal.met ? 'met' : '**missed**');
const nprocNote = (run: Run) => `nproc ${run.machine.nproc}`;

export function renderResults(run: Run): string {
  const { machine } = run;
  const goals = run.sections.flatMap((s) => s.goals.map((g) => ({ section: s, goal: g })));
  const missed = goals.filter((g) => !g.goal.met);
  const out: string[] = [];
  out.push('# volc-ts vs the official Volcengine SDK: benchmark results', '');
  out.push(
    'Written by `pnpm bench` (bench/run.ts); every number below is from the latest run, all measurements in that one run. ' +
      'Ratios are "how many times better ours is" unless a column says otherwise.',
    '',
  );
  out.push(
    markdownTable(
      ['machine', ''],
      [
        ['date', machine.date],
        ['CPU', `${machine.cpu}, nproc ${machine.nproc}`],
        ['Node', machine.node],
        ['OS', machine.os],
        ['commit', machine.commit],
        ['load average (1/5/15 min) at start, at end', `${machine.loadAtStart}; ${run.loadAtEnd}`],
        ['run time', `${Math.round(run.durationSeconds)} s`],
      ],
    ),
    '',
  );
  out.push('## Summary', '');
  out.push(
    markdownTable(
      ['#', 'metric', 'ours', 'theirs', 'ours better by'],
      run.sections.flatMap((s) => s.comparisons.map((c) => [String(s.id), c.metric, c.ours, c.theirs, c.ratio])),
    ),
    '',
  );
  const issues = [...new Set(goals.map(({ goal }) => goal.issue ?? 6))].sort((a, b) => a - b);
  for (const issue of issues) {
    out.push(`## Goals of issue ${issue}`, '');
    out.push(
      markdownTable(
        ['#', 'goal', 'measured', 'verdict'],
        goals
          .filter(({ goal }) => (goal.issue ?? 6) === issue)
          .map(({ section, goal }) => [String(section.id), goal.text, goal.measured, verdict(goal)]),
      ),
      '',
    );
  }
  for (const failure of run.failures)
    out.push(`Measurement ${failure.id} (${failure.title}) **failed** in this run: ${failure.error}`, '');

  for (const section of [...run.sections].sort((a, b) => a.id - b.id)) {
    out.push(
      `## ${section.id}. ${section.title}`,
      '',
      section.method,
      '',
      ...(section.load
        ? [
            `Load average (1/5/15 min) at this measurement's start: ${section.load.start}; at its end: ${section.load.end} (${Math.round(section.load.seconds)} s, ${nprocNote(run)}).`,
            '',
          ]
        : []),
      markdownTable(section.table.header, section.table.rows),
      '',
    );
    for (const goal of section.goals) out.push(`- Goal: ${goal.text}: ${goal.measured}, ${verdict(goal)}.`);
    for (const note of section.notes) out.push(`- ${note}`);
    out.push('');
  }

  out.push('## Closing note: goals missed, why, and what would close them', '');
  if (missed.length === 0) out.push('Every goal was met in this run.', '');
  for (const { section, goal } of missed) {
    out.push(`- **${goal.text}** (section ${section.id}; ${goal.measured}). ${goal.whenMissed ?? ''}`);
  }
  out.push('');
  out.push(
    '## Reading these numbers',
    '',
    '- Cases inside a measurement run interleaved (a sample of each, round after round) and medians are reported, so machine load ' +
      'shifts every case alike; the absolute numbers still move with the load average shown above, the ratios much less.',
    '- Run it yourself: `pnpm bench` (all, rewrites this file) or `pnpm bench --only 1,3` (prints only). It is not part of CI.',
    '',
  );
  return out.join('\n');
}

/** Plain console rendering: summary and goals. */
export function renderConsole(sections: readonly Section[], failures: readonly FailedSection[]): string {
  const lines: string[] = [];
  const pad = (text: string, width: number) => text.padEnd(width);
  lines.push('', `${pad('#', 3)}${pad('metric', 62)}${pad('ours', 14)}${pad('theirs', 44)}better by`);
  for (const s of sections)
    for (const c of s.comparisons)
      lines.push(`${pad(String(s.id), 3)}${pad(c.metric, 62)}${pad(c.ours, 14)}${pad(c.theirs, 44)}${c.ratio}`);
  lines.push('', 'goals:');
  for (const s of sections)
    for (const g of s.goals)
      lines.push(`  [${g.met ? 'met' : 'MISSED'}] (issue ${g.issue ?? 6}) ${g.text}: ${g.measured}`);
  for (const f of failures) lines.push(`  [FAILED] measurement ${f.id} ${f.title}: ${f.error}`);
  return lines.join('\n');
}
