/**
 * No test asserts how long something took against a fixed number of milliseconds: on a loaded machine
 * (CI shares its cores) any "under N ms" fails now and then, and any "at least N ms" can come out a few ms
 * short. A test of a deadline or a wait asserts what happened instead (CONTRIBUTING.md, "Change the
 * generator, the spec model or the runtime").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/packages.js';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const NOW = String.raw`(?:Date|performance)\.now\(\)`;
/** A comparison with a number written in the test: `toBeLessThan(850)`, `toBeGreaterThanOrEqual(990)`. */
const FIXED_BOUND = /toBe(?:Less|Greater)Than(?:OrEqual)?\(\s*[\d_]+\s*\)/;

/** The lines of a test file that compare an elapsed wall-clock time with a fixed bound. */
export function wallClockAssertions(source: string): string[] {
  const lines = source.split('\n');
  // Names that hold an elapsed time: `const elapsed = Date.now() - started`.
  const elapsed = new Set(
    [...source.matchAll(new RegExp(String.raw`(\w+)\s*=\s*${NOW}\s*-`, 'g'))].map((match) => match[1]!),
  );
  return lines.filter((line) => {
    if (!FIXED_BOUND.test(line)) return false;
    const subject = /expect\(([^;]*?)\)\s*\.(?:not\.)?toBe/.exec(line)?.[1] ?? '';
    return (
      new RegExp(`${NOW}\\s*-`).test(subject) ||
      /receivedAt.*-.*receivedAt/.test(subject) ||
      elapsed.has(subject.trim())
    );
  });
}

describe('test hygiene', () => {
  it('finds the patterns it looks for', () => {
    expect(
      wallClockAssertions(
        [
          'const started = Date.now();',
          'expect(Date.now() - started).toBeLessThan(850);',
          'const firstWait = Date.now() - started;',
          'expect(firstWait).toBeLessThan(1_800);',
          'expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(990);',
          'expect(duration).toBeLessThanOrEqual(elapsed);',
          'expect(sent.bytes).toBeLessThan(4096);',
        ].join('\n'),
      ),
    ).toEqual([
      'expect(Date.now() - started).toBeLessThan(850);',
      'expect(firstWait).toBeLessThan(1_800);',
      'expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(990);',
    ]);
  });

  it('no test compares an elapsed wall-clock time with a fixed number of milliseconds', () => {
    const dirs = [
      join(ROOT, 'test'),
      join(ROOT, 'generator/test'),
      ...readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name, 'test')),
    ];
    const found: string[] = [];
    for (const dir of dirs) {
      let files: string[];
      try {
        files = testFiles(dir);
      } catch {
        continue; // a package without tests
      }
      for (const file of files) {
        if (file.endsWith('test-hygiene.test.ts')) continue;
        for (const line of wallClockAssertions(readFileSync(file, 'utf8')))
          found.push(`${relative(ROOT, file)}: ${line.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });
});
