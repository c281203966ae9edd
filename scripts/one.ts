/**
 * The contributor loop for one spec: `pnpm one redis` (the name of spec/<name>.yaml).
 *
 *  1. generates packages/<name> from spec/<name>.yaml alone (formatted, as `pnpm generate` writes it);
 *  2. builds that package and type-checks it against @volc-ts/core, in one TypeScript program
 *     (`scripts/build-services.mjs --check <name>`: bundles, declarations, diagnostics);
 *  3. meanwhile calls it end to end: every action whose spec has a request example, and every action
 *     callable with `{}`, through the generated client against volc-mock serving that spec, after
 *     checking each example against the generated validator.
 *
 * Exits non-zero on the first failure of any step, and prints the time of each. @volc-ts/core must be
 * built (`pnpm build` once, or `pnpm --filter @volc-ts/core build`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, loadModels } from '../generator/src/index.js';
import { MOCK_CREDENTIALS, startMockServer } from '../packages/mock/src/index.js';
import { methodName } from '../packages/spec/src/index.js';
import { ROOT } from '../test/helpers/packages.js';

const name = process.argv[2];
if (!name || process.argv.length > 3) {
  console.error('usage: pnpm one <spec name>   (e.g. pnpm one redis, for spec/redis.yaml)');
  process.exit(2);
}
const spec = join(ROOT, 'spec', `${name}.yaml`);
if (!existsSync(spec)) {
  console.error(`no spec/${name}.yaml`);
  process.exit(2);
}
if (!existsSync(join(ROOT, 'packages/core/dist/index.d.ts'))) {
  console.error('@volc-ts/core is not built: run `pnpm --filter @volc-ts/core build` once');
  process.exit(2);
}

// From the process start: loading the generator, the mock and tsx is part of the loop too.
const started = 0;
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

/** Runs a command, its output kept unless it fails. */
function run(label: string, command: string, args: string[]): Promise<string> {
  const from = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(`${label} in ${seconds(from)}`);
      else reject(new Error(`${label} failed (exit ${code}):\n${output}`));
    });
  });
}

// 1. Generate.
let from = performance.now();
const [generated] = generate({ spec, out: join(ROOT, 'packages') });
const folder = generated!.directory.split(/[\\/]/).pop()!;
console.log(
  `generated ${generated!.packageName} (${generated!.actions} actions, ${generated!.changed.length} files changed) in ${seconds(from)}`,
);

// 2. Build and type-check in a child process, while 3 runs here.
const build = run(`built and type-checked packages/${folder}`, process.execPath, [
  join(ROOT, 'scripts/build-services.mjs'),
  '--check',
  folder,
]);

// 3. End to end against volc-mock, through the package's sources.
from = performance.now();
const [model] = loadModels([spec]);
const pkg = (await import(pathToFileURL(join(ROOT, 'packages', folder, 'src/index.ts')).href)) as Record<
  string,
  unknown
>;
const Client = pkg[`${model!.className}Client`] as new (config: object) => Record<string, unknown>;
const mock = await startMockServer({ spec });
const failures: string[] = [];
let calls = 0;
try {
  const client = new Client({ endpoint: mock.url, credentials: MOCK_CREDENTIALS, maxAttempts: 1, logger: null });
  for (const action of model!.actions) {
    const input = action.requestExample ?? (action.input ? undefined : {});
    const shape = action.input ? model!.shapes.get(action.input) : undefined;
    const callableEmpty = shape && shape.required.length === 0 && shape.conditionals.length === 0;
    const chosen = input ?? (callableEmpty ? {} : undefined);
    if (chosen === undefined) continue;
    if (action.requestExample !== undefined && action.input) {
      const validate = pkg[`validate${action.input}`] as (value: unknown) => unknown[];
      const issues = validate(action.requestExample);
      if (issues.length > 0)
        failures.push(`${action.name}: the spec's request example breaks rules: ${JSON.stringify(issues)}`);
    }
    const method = client[methodName(action.name)] as (value: unknown) => Promise<{ $metadata: { RequestId: string } }>;
    try {
      const result = await method.call(client, chosen);
      if (!result.$metadata.RequestId) failures.push(`${action.name}: no RequestId`);
      calls++;
    } catch (error) {
      failures.push(`${action.name}: ${(error as Error).message}`);
    }
  }
} finally {
  await mock.close();
}
console.log(`called ${calls} action(s) against volc-mock in ${seconds(from)}`);

const results = await Promise.allSettled([build]);
for (const result of results) {
  if (result.status === 'fulfilled') console.log(result.value);
  else failures.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
}
if (calls === 0) failures.push(`no action of spec/${name}.yaml has a request example or takes {}: nothing was called`);
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):\n${failures.join('\n')}`);
  process.exitCode = 1;
}
console.log(`pnpm one ${name}: ${failures.length === 0 ? 'ok' : 'FAILED'} in ${seconds(started)}`);
