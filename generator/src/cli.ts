#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, SpecError } from './diagnostics.js';
import { generate, loadModels, specFiles } from './generate.js';

const USAGE = `volc-gen: Volcengine OpenAPI specs -> typed TypeScript packages

  volc-gen generate [--spec spec] [--out packages]   check the specs and write one package per spec
  volc-gen check [--spec spec]                        check the specs only
  volc-gen import <catalog.json> [--spec file]        add the catalog's missing actions to a spec`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { spec: { type: 'string' }, out: { type: 'string', default: 'packages' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'generate': {
      const started = performance.now();
      const packages = generate({ spec: values.spec ?? 'spec', out: values.out });
      const ms = Math.round(performance.now() - started);
      for (const p of packages) console.log(`${p.packageName}: ${p.actions} actions, ${p.files.size} files, ${p.changed} changed`);
      console.log(`generated ${packages.length} package(s) in ${ms} ms`);
      return 0;
    }
    case 'check': {
      const models = loadModels(specFiles(values.spec ?? 'spec'));
      console.log(`${models.length} spec(s) OK: ${models.map((m) => `${m.packageName} (${m.actions.length} actions)`).join(', ')}`);
      return 0;
    }
    case 'import': {
      const catalog = rest[0];
      if (!catalog) {
        console.error('volc-gen import: name a catalog file, for example ../shared/catalog/redis.json');
        return 1;
      }
      const { importCatalog } = await import('./import/index.js');
      // The spec file defaults to spec/<catalog package>.yaml.
      const pkg = (JSON.parse(readFileSync(catalog, 'utf8')) as { package: string }).package;
      const result = await importCatalog(catalog, values.spec ?? join('spec', `${pkg}.yaml`));
      console.log(`added ${result.added.length} action(s), kept ${result.kept.length}, added ${result.shapesAdded.length} schema(s)`);
      return 0;
    }
    default:
      console.error(`volc-gen: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SpecError) {
      for (const d of error.diagnostics) console.error(formatDiagnostic(d));
      console.error(`volc-gen: ${error.diagnostics.length} problem(s); nothing was written`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    process.exitCode = 1;
  },
);
