#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, loadModels, SpecError, specFiles } from '@volc-ts/spec';
import { generate } from './generate.js';

const USAGE = `volc-gen: Volcengine OpenAPI specs -> typed TypeScript packages

  volc-gen generate [--spec spec] [--out packages]   check the specs and write one package per spec
  volc-gen generate --check                           write nothing; exit 1 if a package is out of date
  volc-gen check [--spec spec]                        check the specs only
  volc-gen import <catalog.json> [--spec file]        add the catalog's missing actions to a spec
  volc-gen import <catalog/index.json> [--spec dir]   the same for every service the index lists
  volc-gen sources node <catalog dir> [--out sources/node]
                                                      write the Node SDK catalog's facts under sources/
  volc-gen sources go <checkout> [--out sources/go] [--commit sha --date iso]
                                                      write the Go SDK's facts (service/*/api_*.go) under sources/
  volc-gen sources cli <checkout> [--out sources/cli] [--commit sha --date iso]
                                                      write the CLI's embedded metadata as facts under sources/
  volc-gen sync [--spec spec] [--sources sources] [--only pkg,...] [--check] [--base ref --write]
                                                      bring every spec up to date from every source,
                                                      then propose the semver bumps (since --base, default HEAD)
  volc-gen bump --base <git-ref|file|dir> [--write] [--check]
                                                      propose semver bumps from spec changes since base`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: 'string' },
      out: { type: 'string', default: 'packages' },
      check: { type: 'boolean', default: false },
      base: { type: 'string' },
      write: { type: 'boolean', default: false },
      sources: { type: 'string' },
      only: { type: 'string' },
      commit: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'generate': {
      const started = performance.now();
      const packages = generate({ spec: values.spec ?? 'spec', out: values.out, check: values.check });
      const ms = Math.round(performance.now() - started);
      if (values.check) {
        const stale = packages.flatMap((p) => p.changed.map((path) => `${p.directory}/${path}`));
        for (const path of stale) console.error(`out of date: ${path}`);
        console.log(
          stale.length === 0
            ? `${packages.length} package(s) match their specs (${ms} ms)`
            : 'run `pnpm generate` and commit the result',
        );
        return stale.length === 0 ? 0 : 1;
      }
      for (const p of packages)
        console.log(
          p.files.size > 0
            ? `${p.packageName}: ${p.actions} actions, ${p.files.size} files, ${p.changed.length} changed`
            : `${p.packageName}: updated`,
        );
      console.log(`generated ${packages.filter((p) => p.files.size > 0).length} package(s) in ${ms} ms`);
      return 0;
    }
    case 'check': {
      const models = loadModels(specFiles(values.spec ?? 'spec'));
      console.log(
        `${models.length} spec(s) OK: ${models.map((m) => `${m.packageName} (${m.actions.length} actions)`).join(', ')}`,
      );
      return 0;
    }
    case 'import': {
      const catalog = rest[0];
      if (!catalog) {
        console.error('volc-gen import: name a catalog file, for example ../shared/catalog/redis.json');
        return 1;
      }
      const { importCatalog } = await import('./import/index.js');
      const data = JSON.parse(readFileSync(catalog, 'utf8')) as {
        package?: string;
        services?: { package: string; file: string }[];
      };
      // The catalog's index.json: every service it lists, into spec/<package>.yaml, in this one process.
      if (Array.isArray(data.services)) {
        const started = performance.now();
        let added = 0;
        for (const service of data.services) {
          const result = await importCatalog(
            join(dirname(catalog), service.file),
            join(values.spec ?? 'spec', `${service.package}.yaml`),
          );
          added += result.added.length;
          if (result.added.length > 0)
            console.log(
              `${service.package}: added ${result.added.length} action(s), ${result.shapesAdded.length} schema(s)`,
            );
        }
        console.log(
          `imported ${data.services.length} service(s), ${added} action(s) added, in ${Math.round(performance.now() - started)} ms`,
        );
        return 0;
      }
      // The spec file defaults to spec/<catalog package>.yaml.
      const result = await importCatalog(catalog, values.spec ?? join('spec', `${data.package}.yaml`));
      console.log(
        `added ${result.added.length} action(s), kept ${result.kept.length}, added ${result.shapesAdded.length} schema(s)`,
      );
      return 0;
    }
    case 'sources': {
      const [source, path] = rest;
      if (source === 'go' && path) {
        const { goSourcesCommand } = await import('./sources/go-command.js');
        console.log(
          goSourcesCommand(path, {
            ...(values.out !== 'packages' ? { out: values.out } : {}),
            ...(values.commit ? { commit: values.commit } : {}),
            ...(values.date ? { date: values.date } : {}),
          }),
        );
        return 0;
      }
      if (source === 'cli' && path) {
        const { cliSourcesCommand } = await import('./sources/cli-command.js');
        console.log(
          cliSourcesCommand(path, {
            ...(values.out !== 'packages' ? { out: values.out } : {}),
            ...(values.commit ? { commit: values.commit } : {}),
            ...(values.date ? { date: values.date } : {}),
          }),
        );
        return 0;
      }
      const { nodeSourcesCommand } = await import('./sources/command.js');
      if (source === 'node' && path) {
        console.log(await nodeSourcesCommand(path, { ...(values.out !== 'packages' ? { out: values.out } : {}) }));
        return 0;
      }
      console.error(
        'volc-gen sources: name a source and its path, for example: volc-gen sources node ../shared/catalog',
      );
      return 1;
    }
    case 'sync': {
      const { syncCommand } = await import('./sources/command.js');
      const result = await syncCommand({
        ...(values.spec ? { spec: values.spec } : {}),
        ...(values.sources ? { sources: values.sources } : {}),
        ...(values.only ? { only: values.only.split(',') } : {}),
        check: values.check,
      });
      console.log(result.report);
      if (values.check) return result.changed > 0 ? 1 : 0;
      if (result.changed > 0) {
        const { bumpCommand } = await import('./release/index.js');
        console.log(
          bumpCommand({ base: values.base ?? 'HEAD', spec: values.spec ?? 'spec', write: values.write }).report,
        );
      }
      return 0;
    }
    case 'bump': {
      if (!values.base) {
        console.error('volc-gen bump: --base <git-ref|file|dir> is required, for example --base origin/main');
        return 1;
      }
      const { bumpCommand } = await import('./release/index.js');
      const result = bumpCommand({
        base: values.base,
        spec: values.spec ?? 'spec',
        write: values.write,
        check: values.check,
      });
      console.log(result.report);
      return result.exitCode;
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
