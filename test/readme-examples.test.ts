/**
 * The README of a published package shows how to use it; this test keeps those examples working. Every
 * ```ts block of the READMEs below is written to its own module and type-checked (strict, NodeNext,
 * Node-only libs) against the built type declarations, as a user who copies it would compile it.
 *
 * Checked: the generated service packages of the core set and the seeded rotation (scripts/ci-sample.mjs;
 * their READMEs come from generator/src/emit/readme.ts)
 * and @volc-ts/generator. The hand-written READMEs of core, mock and credential-providers show
 * fragments (`…`, variables from the surrounding prose), so they are not compiled.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ciPackages, ensureBuilt, ROOT, type WorkspacePackage } from './helpers/packages.js';

const OUT = join(ROOT, 'test/.tmp/readme-examples');
const TSC = join(ROOT, 'node_modules/.bin/tsc');

const isGenerated = (readme: string) => /^<!-- (Code generated|Generated) by volc-gen /.test(readme);
// Generated READMEs all come from one emitter: the core set and the day's rotation stand for the rest.
const checked: { pkg: WorkspacePackage; readme: string }[] = ciPackages()
  .map((pkg) => ({ pkg, readme: readFileSync(join(pkg.dir, 'README.md'), 'utf8') }))
  .filter(({ pkg, readme }) => isGenerated(readme) || pkg.name === '@volc-ts/generator');

/** The ```ts blocks of a Markdown text, in order. */
function typescriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

beforeAll(async () => {
  await ensureBuilt(checked.map((c) => c.pkg));
}, 600_000);

describe('README examples', () => {
  it('finds the READMEs to check, each with at least one TypeScript example', () => {
    expect(checked.map((c) => c.pkg.name)).toEqual(expect.arrayContaining(['@volc-ts/generator', '@volc-ts/redis']));
    for (const { pkg, readme } of checked) expect(typescriptBlocks(readme).length, pkg.name).toBeGreaterThan(0);
  });

  it('type-checks every TypeScript block on its own against the built packages', async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    // ES modules, so examples may use top-level await as users' modules do.
    writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n');
    const files: string[] = [];
    for (const { pkg, readme } of checked) {
      typescriptBlocks(readme).forEach((block, index) => {
        const file = `${pkg.name.replace('@volc-ts/', '')}-${index + 1}.ts`;
        writeFileSync(
          join(OUT, file),
          `// ${relative(ROOT, join(pkg.dir, 'README.md'))}, TypeScript block ${index + 1}\n${block}`,
        );
        files.push(file);
      });
    }
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        // The built declarations, as an installed package exposes them.
        paths: {
          '@volc-ts/generator': [join(ROOT, 'generator/dist/index.d.ts')],
          '@volc-ts/core/errors': [join(ROOT, 'packages/core/dist/errors.d.ts')],
          '@volc-ts/core/internal': [join(ROOT, 'packages/core/dist/internal.d.ts')],
          '@volc-ts/*': [join(ROOT, 'packages/*/dist/index.d.ts')],
        },
      },
      files,
    };
    writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const result = await promisify(execFile)(TSC, ['-p', join(OUT, 'tsconfig.json')], {
      cwd: OUT,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      () => '',
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    expect(result, 'README examples that do not compile (the first line of each file names its README)').toBe('');
    expect(files.length).toBeGreaterThanOrEqual(checked.length);
  }, 180_000);
});
