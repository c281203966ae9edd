#!/usr/bin/env node
// Builds the API reference, a static HTML site, with TypeDoc from the TSDoc of the packages' sources.
//
//   node docs/build.mjs [--out <dir>] [<package> ...]     (pnpm api-docs)
//
// <package> is a folder name under packages/ (`core`, `redis`) or `generator`; by default every
// published package. The output goes to docs/api/ unless --out says otherwise; open index.html.
// One TypeScript program covers every package (workspace imports resolve to the sources), so the
// whole SDK is converted once, not once per package.
import fs, { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Application, OptionDefaults } from 'typedoc';
import { CONSTRAINT_TAGS } from './typedoc-plugin.mjs';

const root = resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  options: { out: { type: 'string', default: join(root, 'docs/api') } },
  allowPositionals: true,
});

/** Folders of the published packages: packages/* and generator/, private ones left out. */
function publishedDirs() {
  const dirs = [
    ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
    join(root, 'generator'),
  ];
  return dirs.filter(
    (dir) =>
      existsSync(join(dir, 'package.json')) && !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private,
  );
}

const all = publishedDirs();
const dirs =
  positionals.length === 0
    ? all
    : positionals.map((name) => {
        const dir = all.find((d) => d.endsWith(`/${name}`));
        if (!dir)
          throw new Error(
            `no published package folder "${name}" (known: ${all.map((d) => relative(root, d)).join(', ')})`,
          );
        return dir;
      });
const entryPoints = dirs.map((dir) => join(dir, 'src/index.ts'));

// The program: the entry points only, with @volc-ts/* resolved to the sources (no build needed).
const scratch = mkdtempSync(join(tmpdir(), 'volc-docs-'));
const tsconfig = join(scratch, 'tsconfig.json');
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: join(root, 'tsconfig.base.json'),
    compilerOptions: {
      noEmit: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      paths: {
        '@volc-ts/core/errors': [join(root, 'packages/core/src/errors.ts')],
        '@volc-ts/core/internal': [join(root, 'packages/core/src/internal.ts')],
        '@volc-ts/*': [join(root, 'packages/*/src/index.ts')],
      },
    },
    files: entryPoints,
  }),
);

// TypeDoc starts writing every page at once; the whole SDK has some 30,000 pages, more files than a
// process may hold open (EMFILE, reported as "Could not write"). Let 64 writes run at a time.
const writeFile = fs.promises.writeFile;
let writing = 0;
const queue = [];
fs.promises.writeFile = async (...args) => {
  while (writing >= 64) await new Promise((resolve) => queue.push(resolve));
  writing++;
  try {
    return await writeFile(...args);
  } finally {
    writing--;
    queue.shift()?.();
  }
};

const started = Date.now();
try {
  const app = await Application.bootstrapWithPlugins({
    name: 'volc-ts API reference',
    entryPoints,
    entryPointStrategy: 'resolve',
    tsconfig,
    out: resolve(values.out),
    readme: join(root, 'docs/reference-home.md'),
    plugin: [join(root, 'docs/typedoc-plugin.mjs')],
    blockTags: [...OptionDefaults.blockTags, ...CONSTRAINT_TAGS, '@rules', '@members'],
    modifierTags: [...OptionDefaults.modifierTags, '@uniqueItems'],
    // The generated sources are not published as browsable files; the site links to nothing outside.
    disableSources: true,
    hideGenerator: true,
    // Members in the spec's order (a request type reads as its documentation page does).
    sort: ['kind', 'instance-first', 'source-order'],
    searchInComments: false,
    excludePrivate: true,
    excludeInternal: true,
    // A re-exported core type is documented once, in @volc-ts/core.
    validation: { notExported: false, invalidLink: true, notDocumented: false },
    logLevel: 'Warn',
    skipErrorChecking: true,
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see the messages above)');
  await app.generateDocs(project, resolve(values.out));
  if (app.logger.hasErrors()) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const size = (path) =>
  statSync(path).isDirectory()
    ? readdirSync(path).reduce((sum, name) => sum + size(join(path, name)), 0)
    : statSync(path).size;
const files = (path) =>
  statSync(path).isDirectory() ? readdirSync(path).reduce((sum, name) => sum + files(join(path, name)), 0) : 1;
const out = resolve(values.out);
console.log(
  `API reference of ${dirs.length} package(s) in ${relative(process.cwd(), out) || '.'}: ${files(out)} files, ${(size(out) / 1024 / 1024).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
