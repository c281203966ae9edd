/**
 * .gitattributes marks generated files `linguist-generated` (code hosts collapse them in diffs and leave
 * them out of language statistics): every file of a generated service package and of the generator's
 * golden output, and no hand-written file. A package is generated when its src/index.ts opens with the
 * header volc-gen writes; a new hand-written package under packages/ must be taken out in .gitattributes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/packages.js';

const git = (args: string[], input?: string) =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(input ? { input } : {}) });

const generatedPackage = new Map<string, boolean>();
function isGeneratedPackage(folder: string): boolean {
  let generated = generatedPackage.get(folder);
  if (generated === undefined) {
    const index = join(ROOT, 'packages', folder, 'src/index.ts');
    generated = existsSync(index) && /^\/\/ (Code generated|Generated) by volc-gen /.test(readFileSync(index, 'utf8'));
    generatedPackage.set(folder, generated);
  }
  return generated;
}

/** Whether volc-gen wrote the file, judged from where it is, not from .gitattributes. */
function isGenerated(path: string): boolean {
  const inPackage = /^packages\/([^/]+)\//.exec(path);
  if (inPackage) return isGeneratedPackage(inPackage[1]!);
  return /^generator\/test\/fixtures\/[^/]+-expected\//.test(path);
}

describe('.gitattributes', () => {
  // Tracked files, and the files of this change not committed yet.
  const files = git(['ls-files', '--cached', '--others', '--exclude-standard']).split('\n').filter(Boolean);
  const marked = new Map(
    git(['check-attr', '--stdin', 'linguist-generated'], `${files.join('\n')}\n`)
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [path, , value] = line.split(': ');
        return [path!, value === 'set' || value === 'true'] as const;
      }),
  );

  it('is read for every file', () => {
    expect(files.length).toBeGreaterThan(1000);
    expect(marked.size).toBe(files.length);
  });

  it('marks every file of every generated service package and of the golden output', () => {
    const generated = files.filter(isGenerated);
    expect(generated).toContain('packages/redis/src/client.ts');
    expect(generated).toContain('generator/test/fixtures/mini-expected/src/client.ts');
    expect(generated.filter((path) => !marked.get(path))).toEqual([]);
  });

  it('marks no hand-written file', () => {
    const handWritten = files.filter((path) => !isGenerated(path));
    for (const path of ['packages/core/src/client.ts', 'packages/mock/src/server.ts', 'generator/src/generate.ts'])
      expect(handWritten).toContain(path);
    expect(handWritten.filter((path) => marked.get(path))).toEqual([]);
  });

  it('the hand-written packages are exactly those .gitattributes takes out', () => {
    const folders = [...new Set(files.flatMap((path) => /^packages\/([^/]+)\//.exec(path)?.[1] ?? []))];
    expect(folders.filter((folder) => !isGeneratedPackage(folder)).sort()).toEqual([
      'core',
      'credential-providers',
      'mock',
      'opentelemetry',
      'spec',
    ]);
  });
});
