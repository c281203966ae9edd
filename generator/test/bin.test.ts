import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

// `pnpm volc-gen` and `pnpm exec volc-gen` run the bin that pnpm links into the root node_modules/.bin.
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'volc-gen.cmd' : 'volc-gen');

describe('the volc-gen command in the workspace', () => {
  it('runs by its name from the linked bin, on the current source', () => {
    const run = spawnSync(bin, ['check', '--spec', 'generator/test/fixtures/mini.yaml'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('1 spec(s) OK: mini (3 actions)\n');
    expect(run.status).toBe(0);
  });

  it('exits 1 with file:line:column and the rule on a bad spec', () => {
    const spec = join(tempDir('bin'), 'bad.yaml');
    writeFileSync(
      spec,
      readFileSync(join(root, 'generator/test/fixtures/mini.yaml'), 'utf8').replace('schemas/Tag"', 'schemas/Label"'),
    );
    const run = spawnSync(bin, ['check', '--spec', spec], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.yaml:\d+:\d+: error \[unknown-ref\]/);
  });
});
