/**
 * API reports (api-extractor) of what the packages export, read from their built declaration files and
 * committed in api/: `@volc-ts/core` (its public entry, which includes the errors entry), `@volc-ts/core/internal`
 * (what generated code imports; not for users, but a change to it is a change to every generated package)
 * and one generated package, `@volc-ts/redis`, standing for the output of the generator.
 *
 *   pnpm api:check    fails, printing the difference, when an export changed (CI runs it)
 *   pnpm api:update   rewrites the reports; commit them with the change
 *
 * Either builds first the packages whose dist/ is missing or older than their sources (nothing after a
 * `pnpm build`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel, type IConfigFile } from '@microsoft/api-extractor';
import { ensureBuilt, publishedPackages, ROOT } from '../test/helpers/packages.js';

const REPORTS = join(ROOT, 'api');
const TEMP = join(ROOT, 'test/.tmp/api');

/** One report: a package, the declaration file of one of its entries, the report's name in api/. */
const reports = [
  { pkg: '@volc-ts/core', entry: 'dist/index.d.ts', name: 'core' },
  { pkg: '@volc-ts/core', entry: 'dist/internal.d.ts', name: 'core-internal' },
  { pkg: '@volc-ts/redis', entry: 'dist/index.d.ts', name: 'redis' },
] as const;

const mode = process.argv[2];
if (mode !== '--check' && mode !== '--update') {
  console.error('usage: tsx scripts/api-report.ts --check | --update');
  process.exit(2);
}
const update = mode === '--update';

const workspace = new Map(publishedPackages().map((p) => [p.name, p]));
const built = await ensureBuilt(reports.map((r) => workspace.get(r.pkg)!));
if (built.length > 0) console.log(`built ${built.join(', ')}`);
mkdirSync(REPORTS, { recursive: true });
mkdirSync(TEMP, { recursive: true });

let changed = 0;
for (const report of reports) {
  const dir = workspace.get(report.pkg)!.dir;
  const configObject: IConfigFile = {
    projectFolder: dir,
    mainEntryPointFilePath: join(dir, report.entry),
    compiler: {
      // The declarations alone, as a user's compiler reads them (DOM for fetch and AbortSignal).
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          types: [],
        },
        files: [join(dir, report.entry)],
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: report.name,
      reportFolder: REPORTS,
      reportTempFolder: TEMP,
      includeForgottenExports: false,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      // The report is about names and signatures: no release tags are used, and TSDoc style is not its business.
      // What it would warn about (an exported type that refers to an unexported one) goes into the report.
      extractorMessageReporting: {
        default: { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
        'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        // Documentation is not the report's business: {@link} targets and missing TSDoc are the API
        // reference build's (TypeDoc) and doc-coverage's. Their notes would also name the declaration
        // chunks by their hashed file names and lines, which change with every build.
        'ae-unresolved-link': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
        'ae-undocumented': { logLevel: ExtractorLogLevel.None, addToApiReportFile: false },
      },
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
    },
  };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: join(TEMP, `${report.name}.api-extractor.json`),
    packageJsonFullPath: join(dir, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  const committed = join(REPORTS, `${report.name}.api.md`);
  const fresh = join(TEMP, `${report.name}.api.md`);
  if (result.errorCount > 0) {
    console.error(`api-extractor: ${result.errorCount} errors in ${report.pkg} (${report.entry})`);
    process.exitCode = 1;
    continue;
  }
  if (!result.apiReportChanged) continue;
  changed++;
  if (update) {
    console.log(`updated ${relative(ROOT, committed)}`);
    continue;
  }
  // What changed, as a diff a reviewer can read in the CI log.
  if (existsSync(committed)) {
    try {
      execFileSync('git', ['diff', '--no-index', '--no-color', committed, fresh], { stdio: 'inherit' });
    } catch {
      // git diff exits 1 when the files differ: the diff is printed above.
    }
  } else {
    console.error(`${relative(ROOT, committed)} does not exist yet`);
  }
}

if (!update && changed > 0) {
  console.error(
    `\n${changed} API report(s) differ from the exports. If the change is meant, run \`pnpm api:update\` ` +
      'and commit api/*.api.md with it.',
  );
  process.exitCode = 1;
} else if (process.exitCode !== 1) {
  console.log(update ? `api/: ${changed} report(s) rewritten` : `api/: ${reports.length} reports match the exports`);
}
