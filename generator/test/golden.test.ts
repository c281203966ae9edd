import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitPackage, formatPackages, generate, loadModels } from '../src/index.js';
import { readTree, tempDir } from './helpers.js';

const FIXTURE = 'generator/test/fixtures/mini.yaml';

// Each fixture spec and the package it must generate, byte for byte. `rules` holds the conditional rules
// that become request types and the shapes that are alike (emitted once, the other names as aliases).
for (const name of ['mini', 'rules']) {
  describe(`golden output of the ${name} fixture`, () => {
    const fixture = `generator/test/fixtures/${name}.yaml`;
    const expected = join(import.meta.dirname, 'fixtures', `${name}-expected`);
    const [model] = loadModels([fixture]);
    // As `generate` writes it: emitted, then formatted by Biome.
    const files = emitPackage(model!, '0.1.0');
    formatPackages([files]);

    // UPDATE_GOLDEN=1 rewrites the expected files after an intended change; review the diff before committing.
    if (process.env.UPDATE_GOLDEN) {
      rmSync(expected, { recursive: true, force: true });
      for (const [path, text] of files) {
        mkdirSync(dirname(join(expected, path)), { recursive: true });
        writeFileSync(join(expected, path), text);
      }
    }

    it('emits exactly the expected files', () => {
      expect([...files.keys()].sort()).toEqual([...readTree(expected).keys()]);
    });

    for (const [path, text] of files) {
      it(`matches ${path}`, () => {
        expect(text).toBe(readFileSync(join(expected, path), 'utf8'));
      });
    }

    it('is deterministic: a second run gives the same bytes', () => {
      const again = emitPackage(loadModels([fixture])[0]!, '0.1.0');
      formatPackages([again]);
      expect(again).toEqual(files);
    });
  });
}

describe('generating the mini fixture', () => {
  const files = emitPackage(loadModels([FIXTURE])[0]!, '0.1.0');
  formatPackages([files]);

  it('writes only what changed and keeps the package version', () => {
    const out = tempDir('golden');
    const first = generate({ spec: FIXTURE, out });
    expect(first[0]!.changed).toHaveLength(files.size);
    const pkgFile = join(out, 'mini', 'package.json');
    writeFileSync(pkgFile, readFileSync(pkgFile, 'utf8').replace('"version": "0.1.0"', '"version": "1.4.2"'));
    const second = generate({ spec: FIXTURE, out });
    // package.json keeps 1.4.2; service.ts picks the new version up for the User-Agent.
    expect(JSON.parse(readFileSync(pkgFile, 'utf8')).version).toBe('1.4.2');
    expect(readFileSync(join(out, 'mini', 'src', 'service.ts'), 'utf8')).toContain(`packageVersion: '1.4.2'`);
    expect(second[0]!.changed).toEqual(['src/service.ts']);
    expect(generate({ spec: FIXTURE, out })[0]!.changed).toEqual([]);
  });

  it('--check reports what is out of date and writes nothing', () => {
    const out = tempDir('check');
    generate({ spec: FIXTURE, out });
    const client = join(out, 'mini', 'src', 'client.ts');
    writeFileSync(client, '// edited by hand\n');
    writeFileSync(join(out, 'mini', 'src', 'stray.ts'), 'export {};\n');
    const [checked] = generate({ spec: FIXTURE, out, check: true });
    expect([...checked!.changed].sort()).toEqual(['src/client.ts', 'src/stray.ts']);
    expect(readFileSync(client, 'utf8')).toBe('// edited by hand\n');
  });

  it('removes generated files whose action left the spec', () => {
    const out = tempDir('stale');
    generate({ spec: FIXTURE, out });
    const spec = join(out, 'mini.yaml');
    const text = readFileSync(FIXTURE, 'utf8');
    const start = text.indexOf('  /?Action=ListWidgets');
    const end = text.indexOf('components:');
    writeFileSync(spec, text.slice(0, start) + text.slice(end));
    generate({ spec, out });
    const tree = readTree(join(out, 'mini'));
    expect(tree.has('src/operations/list-widgets.ts')).toBe(false);
    expect(tree.has('src/operations/create-widget.ts')).toBe(true);
    expect(tree.get('src/client.ts')).not.toContain('listWidgets');
  });
});
