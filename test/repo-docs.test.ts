/**
 * The repository's own docs (README, ARCHITECTURE, CONTRIBUTING) link only files inside the repository,
 * and the paths ARCHITECTURE.md names exist, so the docs stay true to the layout as files move.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/packages.js';

const DOCS = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md'];

describe('repository docs', () => {
  it.each(DOCS)('%s links only files inside the repository, and each exists', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((t) => !/^(https?:|mailto:|#)/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const path = resolve(dirname(join(ROOT, doc)), target.split('#')[0]!);
      expect(relative(ROOT, path).startsWith('..'), `${doc} links ${target}, outside the repository`).toBe(false);
      expect(existsSync(path), `${doc} links ${target}, which does not exist`).toBe(true);
    }
  });

  it('every concrete path ARCHITECTURE.md names in backticks exists', () => {
    const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const layout = /## Layout\n\n```\n([\s\S]*?)```/.exec(text)![1]!;
    // The layout tree: each top-level folder, and each nested entry under the folder above it.
    const named: string[] = [];
    let parent = '';
    let child = '';
    for (const line of layout.split('\n')) {
      const match = /^( *)(\S+)/.exec(line);
      if (!match || match[2]!.includes('<') || match[2]!.startsWith('.')) continue;
      const [, indent, entry] = match;
      if (indent!.length === 0) [parent, child] = [entry!, ''];
      else if (indent!.length === 2 && entry!.endsWith('/')) [child] = [entry!];
      else if (indent!.length === 2) named.push(`${parent}${entry}`);
      else if (indent!.length === 4 && !entry!.includes('*')) named.push(`${parent}${child}${entry}`);
      if (indent!.length === 0 || (indent!.length === 2 && entry!.endsWith('/')))
        named.push(indent!.length === 0 ? parent : `${parent}${child}`);
    }
    const inTables = [...text.matchAll(/`((?:packages|generator|spec|test|scripts)\/[\w./-]+)`/g)]
      .map((m) => m[1]!)
      .filter((p) => !p.includes('<'));
    const paths = [...new Set([...named, ...inTables])];
    expect(paths.length).toBeGreaterThan(30);
    const missing = paths.filter((p) => !existsSync(join(ROOT, p)));
    expect(missing).toEqual([]);
  });
});
