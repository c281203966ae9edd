/**
 * `pnpm mutation [module...] [--concurrency N] [--incremental]`: the mutation test of core's critical
 * modules (modules.mjs), one Stryker run per module with only its tests, then a score per file.
 * A module is named as in modules.mjs (`retry.ts`, `signing/*`) or by a path ending (`chain.ts`).
 * Not part of `.ci/run`: all modules take about half an hour on two cores.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { MODULES } from './modules.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
process.chdir(root);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { concurrency: { type: 'string' }, incremental: { type: 'boolean' } },
});

function selected(names) {
  if (names.length === 0) return Object.keys(MODULES);
  return names.map((name) => {
    const key = Object.keys(MODULES).find(
      (k) => k === name || MODULES[k].mutate.some((file) => file === name || file.endsWith(`/${name}`)),
    );
    if (!key) throw new Error(`no module "${name}"; one of: ${Object.keys(MODULES).join(', ')}`);
    return key;
  });
}

/** Stryker's score: killed (or timed out) over every mutant that ran or had no test; errors do not count. */
function scoresByFile(results) {
  const files = new Map();
  for (const mutant of results) {
    const file = mutant.fileName.slice(mutant.fileName.indexOf('packages/core/src/') + 'packages/core/src/'.length);
    const tally = files.get(file) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, errors: 0 };
    if (mutant.status === 'Killed') tally.killed++;
    else if (mutant.status === 'Timeout') tally.timeout++;
    else if (mutant.status === 'Survived') tally.survived++;
    else if (mutant.status === 'NoCoverage') tally.noCoverage++;
    else tally.errors++;
    files.set(file, tally);
  }
  return files;
}

// The test files are listed once, before the first run: a file added while the runs go on joins the next `pnpm mutation`.
const plan = selected(positionals).map((key) => ({
  key,
  tests: MODULES[key].tests.filter((file) => existsSync(file)),
}));
const rows = [];
mkdirSync('reports/mutation', { recursive: true });
for (const { key, tests } of plan) {
  const module = MODULES[key];
  process.env.VOLC_MUTATION_TESTS = tests.join(',');
  const slug = key.replace(/[^\w.-]+/g, '_');
  const stryker = new Stryker({
    configFile: 'packages/core/mutation/stryker.config.mjs',
    mutate: module.mutate,
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    ...(values.incremental ? { incremental: true, incrementalFile: `reports/mutation/${slug}.incremental.json` } : {}),
    jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  });
  const results = await stryker.runMutationTest();
  for (const [file, t] of scoresByFile(results)) {
    const detected = t.killed + t.timeout;
    const total = detected + t.survived + t.noCoverage;
    rows.push({ file, ...t, score: total === 0 ? 100 : Math.floor((detected / total) * 10000) / 100 });
  }
}

const table = [
  '| file | mutants | killed | timeout | survived | no coverage | score |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.file} | ${r.killed + r.timeout + r.survived + r.noCoverage} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.score.toFixed(2)}% |`,
  ),
].join('\n');
writeFileSync('reports/mutation/summary.md', `${table}\n`);
console.log(`\n${table}\n\n(reports/mutation/: one JSON report per module, summary.md)`);
