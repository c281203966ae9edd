/**
 * What each measurement script hands the runner: a section of RESULTS.md. Scripts write it as JSON
 * to the path in their first argument; the runner renders every section into one document.
 */
import { writeFileSync } from 'node:fs';

/** One goal of an issue (issue 6 unless `issue` says otherwise), checked against this run's numbers. */
export interface Goal {
  /** The issue that set the goal; 6 when absent. */
  readonly issue?: number;
  readonly text: string;
  readonly met: boolean;
  /** The numbers the verdict rests on. */
  readonly measured: string;
  /** When missed: why, and what would close it. */
  readonly whenMissed?: string;
}

/** One headline comparison for the summary table. */
export interface Comparison {
  readonly metric: string;
  readonly ours: string;
  readonly theirs: string;
  /** How many times better we are (> 1 is better for us), as text with an `x`. */
  readonly ratio: string;
}

export interface Section {
  readonly id: number;
  readonly title: string;
  /** How it was measured, in a sentence or two. */
  readonly method: string;
  readonly table: { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly comparisons: readonly Comparison[];
  readonly goals: readonly Goal[];
  readonly notes: readonly string[];
  /** Load average (1/5/15 min) when the measurement started and ended; set by run.ts. */
  readonly load?: { readonly start: string; readonly end: string; readonly seconds: number };
}

/** Writes the section where the runner asked for it, or prints it when run alone. */
export function emitSection(section: Section): void {
  const out = process.argv[2];
  if (out) writeFileSync(out, JSON.stringify(section, null, 2));
  else console.log(JSON.stringify(section, null, 2));
}

/** `12,345` style for counts and rates. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A few significant digits: 1.23, 12.3, 123. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 10 ** digits) return formatCount(value);
  return Number(value.toPrecision(digits)).toString();
}

/** `a / b` as `2.34x`. */
export function ratio(a: number, b: number): string {
  return `${formatNumber(a / b)}x`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024)} KB`;
  return `${formatNumber(bytes / 1024 / 1024)} MB`;
}
