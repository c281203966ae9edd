/**
 * 9. Type-check cost of many service packages (issue 24): `tsc --noEmit --extendedDiagnostics` of
 * consumers that import 1, 5 and 20 of our service packages, beside consumers of the same services
 * (as many as exist) from the official `@volcengine/openapi`; and a cold editor asking for completions
 * at `client.` in the 20-service consumer.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNumber, emitSection, ratio, type Comparison, type Goal } from '../lib/report.js';
import { median } from '../lib/timing.js';
import { coldCompletion, type ColdCompletion } from '../lib/tsserver-completion.js';

const RUNS = 3;
const COMPLETION_RUNS = 3;
const repo = fileURLToPath(new URL('../..', import.meta.url));
const bench = fileURLToPath(new URL('..', import.meta.url));
const scratch = join(bench, '.tmp', 'typecheck');
const tsc = join(bench, 'node_modules', 'typescript', 'bin', 'tsc');
const tsserver = join(bench, 'node_modules', 'typescript', 'lib', 'tsserver.js');
const rusageChild = join(bench, 'lib', 'rusage-child.mjs');

/**
 * Our packages, the services the official SDK also has first (in the order of OFFICIAL), then widely
 * used ones it lacks. A consumer of N packages takes the first N.
 */
const OURS = [
  ...['iam', 'cdn', 'billing', 'rocketmq', 'sts', 'acep', 'i18nopenapi', 'livesaas', 'vikingdb', 'volcsms'],
  ...['vod20250101', 'ecs', 'vpc', 'redis', 'clb', 'rdsmysqlv2', 'vke', 'kms', 'tag', 'cr'],
];

/** One official service: its export, how a user makes its client, and one typed call (when it has one). */
interface OfficialService {
  readonly ns: string;
  readonly make: string;
  readonly call?: string;
}
/** Every service of `@volcengine/openapi` (17), those we also have first, in OURS order. */
const OFFICIAL: readonly OfficialService[] = [
  { ns: 'iam', make: 'new iam.IamService()', call: '.ListUsers({ Limit: 10 })' },
  { ns: 'cdn', make: 'new cdn.CdnService()', call: `.DescribeCdnConfig({ Domain: 'example.com' })` },
  {
    ns: 'billing',
    make: 'new billing.BillingService()',
    call: `.ListBill({ BillPeriod: '2024-01', Limit: '10', Offset: '0', Product: 'ECS', BillingMode: '', BillCategoryParent: '', PayStatus: '', IgnoreZero: '0', NeedRecordNum: '1' })`,
  },
  {
    ns: 'rocketmq',
    make: `new rocketmq.Client({ endpoint: 'https://rocketmq.example.com', instanceId: 'i', accessKey: 'ak', secretKey: 'sk' })`,
    call: '.createProducer()',
  },
  {
    ns: 'sts',
    make: 'new sts.StsService()',
    call: `.AssumeRole({ RoleTrn: 'trn:iam::1:role/r', RoleSessionName: 's' })`,
  },
  { ns: 'acep', make: 'new acep.ACEPService()', call: `.GetListPod({ product_id: 'p', count: 10 })` },
  { ns: 'i18nOpenapi', make: 'new i18nOpenapi.i18nOpenapiService()', call: '.Projects({ limit: 10 })' },
  { ns: 'livesaasOpenapi', make: 'new livesaasOpenapi.LivesaasService()', call: '.GetLivesaasUploadUserToken()' },
  {
    ns: 'vikingdb',
    make: `new vikingdb.VikingdbService({ ak: 'ak', sk: 'sk' })`,
    call: `.collection.GetCollectionInfo({ CollectionName: 'c' })`,
  },
  {
    ns: 'sms',
    make: 'new sms.SmsService()',
    call: `.Send({ SmsAccount: 'a', Sign: 's', TemplateID: 't', TemplateParam: '{}', PhoneNumbers: '1', Tag: '', UserExtCode: '' })`,
  },
  { ns: 'vodOpenapi', make: 'new vodOpenapi.VodService()' },
  { ns: 'rtcOpenapi', make: 'new rtcOpenapi.RtcService()' },
  { ns: 'tlsOpenapi', make: 'new tlsOpenapi.TlsService()' },
  { ns: 'imagex', make: 'new imagex.ImagexService()' },
  { ns: 'edit', make: 'new edit.EditService()' },
  { ns: 'liveOpenapi', make: 'new liveOpenapi.LiveCasterService()' },
  { ns: 'maas', make: 'new maas.MaasService()' },
];
/** Consumers make one call on each of their first CALLS services that have one, and create a client of every one. */
const CALLS = 10;
const SIZES = [1, 5, 20] as const;

// The packages must be built: their declarations are what a consumer type-checks.
const stale = OURS.filter((name) => {
  const dts = join(repo, 'packages', name, 'dist', 'index.d.ts');
  return !existsSync(dts) || statSync(dts).mtimeMs < newestFile(join(repo, 'packages', name, 'src'));
});
if (stale.length > 0) {
  console.log(`building ${stale.length} service package(s) (dist missing or older than src)...`);
  const build = spawnSync(process.execPath, [join(repo, 'scripts', 'build-services.mjs'), ...stale], {
    cwd: repo,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('building the service packages failed');
}

rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(scratch, 'node_modules', '@volc-ts'), { recursive: true });
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
// Installed as a user's node_modules would hold them; @volcengine/openapi and @types/node resolve from bench/.
for (const name of OURS)
  symlinkSync(join(repo, 'packages', name), join(scratch, 'node_modules', '@volc-ts', name), 'dir');

/**
 * The README's first example of a package: its client class and its call (`.x({...})`), when the
 * README has one (a spec without a read-only action to show has none).
 */
function readmeExample(name: string): { client: string; call?: string } {
  const readme = readFileSync(join(repo, 'packages', name, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const client = /new (\w+Client)\(/.exec(block)?.[1];
  if (!client) throw new Error(`no example client in packages/${name}/README.md`);
  const awaited = block.indexOf('await client.');
  if (awaited < 0) return { client };
  const start = awaited + 'await '.length;
  let depth = 0;
  let end = block.indexOf('(', start);
  for (; end < block.length; end++) {
    if (block[end] === '(') depth++;
    else if (block[end] === ')' && --depth === 0) break;
  }
  return { client, call: block.slice(start + 'client'.length, end + 1) };
}

function oursSource(count: number): { source: string; probe: string } {
  const names = OURS.slice(0, count);
  const examples = names.map(readmeExample);
  const lines = names.map((name, i) => `import { ${examples[i]!.client} } from '@volc-ts/${name}';`);
  let calls = 0;
  names.forEach((name, i) => {
    const variable = `${name}Client`;
    const { client, call } = examples[i]!;
    lines.push(`const ${variable} = new ${client}({ region: 'cn-beijing' });`);
    if (call && calls++ < CALLS) lines.push(`console.log((await ${variable}${call}).$metadata.RequestId);`);
    else lines.push(`console.log(${variable});`);
  });
  return { source: `${lines.join('\n')}\n`, probe: `${names[0]}Client.` };
}

function officialSource(count: number): { source: string; probe: string } {
  const services = OFFICIAL.slice(0, count);
  const lines = [`import { ${services.map((s) => s.ns).join(', ')} } from '@volcengine/openapi';`];
  let calls = 0;
  services.forEach((service) => {
    const variable = `${service.ns}Client`;
    lines.push(`const ${variable} = ${service.make};`);
    if (service.call && calls++ < CALLS) lines.push(`console.log(await ${variable}${service.call});`);
    else lines.push(`console.log(${variable});`);
  });
  return { source: `${lines.join('\n')}\n`, probe: `${services[0]!.ns}Client.` };
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  files: ['main.ts'],
};

function writeConsumer(name: string, source: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  return dir;
}

interface Consumer {
  readonly name: string;
  readonly sdk: 'ours' | 'official';
  readonly size: number;
  readonly dir: string;
}
const consumers: Consumer[] = [];
for (const size of SIZES) {
  consumers.push({
    name: `ours-${size}`,
    sdk: 'ours',
    size,
    dir: writeConsumer(`ours-${size}`, oursSource(size).source),
  });
  const officialSize = Math.min(size, OFFICIAL.length);
  consumers.push({
    name: `official-${officialSize}`,
    sdk: 'official',
    size: officialSize,
    dir: writeConsumer(`official-${officialSize}`, officialSource(officialSize).source),
  });
}

interface TscRun {
  readonly cpuMs: number;
  readonly maxRssKb: number;
  readonly files: number;
  readonly memoryKb: number;
  readonly instantiations: number;
  readonly types: number;
  readonly checkS: number;
}

function runTsc(dir: string): TscRun {
  const run = spawnSync(
    process.execPath,
    [rusageChild, tsc, '-p', join(dir, 'tsconfig.json'), '--extendedDiagnostics'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  const usage = /rusage (\{.*\})/.exec(run.stderr)?.[1];
  if (run.status !== 0 || !usage) {
    throw new Error(`tsc in ${dir} failed (${run.status}):\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-1000)}`);
  }
  const stat = (label: string) =>
    Number(new RegExp(`^${label}:\\s+([\\d.,]+)`, 'm').exec(run.stdout)?.[1]?.replaceAll(',', '') ?? Number.NaN);
  const { cpuMs, maxRssKb } = JSON.parse(usage) as { cpuMs: number; maxRssKb: number };
  return {
    cpuMs,
    maxRssKb,
    files: stat('Files'),
    memoryKb: stat('Memory used'),
    instantiations: stat('Instantiations'),
    types: stat('Types'),
    checkS: stat('Check time'),
  };
}

// Interleaved rounds, so machine load falls on every consumer alike; medians per consumer.
const runs = new Map<string, TscRun[]>(consumers.map((c) => [c.name, []]));
for (let round = 0; round < RUNS; round++) {
  for (const consumer of consumers) runs.get(consumer.name)!.push(runTsc(consumer.dir));
}
const med = (name: string, key: keyof TscRun) => median(runs.get(name)!.map((r) => r[key]));

// Cold completions at `<first client>.` in the 20-service consumers, ours and the official's, interleaved.
const probes = [
  { name: 'ours', ...oursSource(20) },
  { name: 'official', ...officialSource(OFFICIAL.length) },
].map((p) => {
  const source = `${p.source}${p.probe}`;
  const dir = writeConsumer(`completion-${p.name}`, source);
  const lines = source.split('\n');
  return { name: p.name, file: join(dir, 'main.ts'), line: lines.length, offset: lines.at(-1)!.length + 1 };
});
const completions = new Map<string, ColdCompletion[]>(probes.map((p) => [p.name, []]));
for (let round = 0; round < COMPLETION_RUNS; round++) {
  for (const probe of probes) {
    const result = await coldCompletion(tsserver, probe.file, probe.line, probe.offset);
    if (result.entries === 0) throw new Error(`no completions for ${probe.name}`);
    completions.get(probe.name)!.push(result);
  }
}
const completion = (name: string, key: keyof ColdCompletion) => median(completions.get(name)!.map((r) => r[key]));
// BENCH_KEEP=1 keeps the consumers, to look into one (`tsc -p bench/.tmp/typecheck/ours-20 --generateTrace t`).
if (!process.env.BENCH_KEEP) rmSync(scratch, { recursive: true, force: true });

const n = (value: number) => formatNumber(value);
const mb = (kb: number) => `${formatNumber(kb / 1024)} MB`;
const rows: string[][] = consumers.map((c) => [
  c.sdk === 'ours' ? `${c.size} × @volc-ts/<service>` : `@volcengine/openapi, ${c.size} service(s)`,
  n(med(c.name, 'cpuMs')),
  mb(med(c.name, 'maxRssKb')),
  mb(med(c.name, 'memoryKb')),
  n(med(c.name, 'files')),
  n(med(c.name, 'instantiations')),
  n(med(c.name, 'types')),
  n(med(c.name, 'checkS')),
]);
for (const probe of probes) {
  rows.push([
    `cold completion, ${probe.name === 'ours' ? '20 × @volc-ts' : `@volcengine/openapi, ${OFFICIAL.length}`}`,
    n(completion(probe.name, 'cpuMs')),
    mb(completion(probe.name, 'maxRssKb')),
    `${n(completion(probe.name, 'wallMs'))} ms to answer`,
    `${n(completion(probe.name, 'entries'))} entries`,
    '',
    '',
    '',
  ]);
}

const comparisons: Comparison[] = [];
const goals: Goal[] = [];
for (const size of SIZES) {
  const ours = `ours-${size}`;
  const theirs = `official-${Math.min(size, OFFICIAL.length)}`;
  for (const [label, key] of [
    ['CPU ms', 'cpuMs'],
    ['max RSS', 'maxRssKb'],
    ['files', 'files'],
  ] as const) {
    const format = key === 'maxRssKb' ? mb : n;
    comparisons.push({
      metric: `tsc --noEmit, ${size} service(s): ${label}`,
      ours: format(med(ours, key)),
      theirs: format(med(theirs, key)),
      ratio: ratio(med(theirs, key), med(ours, key)),
    });
  }
}
const cpu20 = med('ours-20', 'cpuMs') / med(`official-${OFFICIAL.length}`, 'cpuMs');
const rss20 = med('ours-20', 'maxRssKb') / med(`official-${OFFICIAL.length}`, 'maxRssKb');
goals.push({
  issue: 24,
  text: 'A consumer of 20 service packages type-checks in at most 1.1x the CPU and memory of the official SDK',
  met: cpu20 <= 1.1 && rss20 <= 1.1,
  measured: `CPU ${n(cpu20)}x, max RSS ${n(rss20)}x of @volcengine/openapi (${OFFICIAL.length} services)`,
  whenMissed:
    "Checking is not the cost (about 0.1 s, 360 types): parsing and binding each package's one declaration file is, in proportion to its " +
    'syntax nodes and symbols. Request and response interfaces are most of it (about 29 of 68 MB for 20 packages), then client classes, ' +
    "standalone functions and validators (now typed consts). The official SDK's inputs are loosely typed, so its 17 services add about 28 MB " +
    'where our 20 add about 63 MB; dropping `| undefined` from optional members or moving the Operation consts to a subpath would save a few MB more.',
});
const wall = completion('ours', 'wallMs') / completion('official', 'wallMs');
comparisons.push({
  metric: 'cold completion at `client.`, 20 services (ms to answer)',
  ours: n(completion('ours', 'wallMs')),
  theirs: n(completion('official', 'wallMs')),
  ratio: ratio(completion('official', 'wallMs'), completion('ours', 'wallMs')),
});
goals.push({
  issue: 24,
  text: 'Cold completion in a 20-service consumer takes at most 1.2x the official SDK',
  met: wall <= 1.2,
  measured: `${n(wall)}x (tsserver CPU ${ratio(completion('ours', 'cpuMs'), completion('official', 'cpuMs'))})`,
  whenMissed:
    'The server loads and binds every declaration file of the project before answering: fewer, smaller files answer sooner.',
});

emitSection({
  id: 11,
  title: 'Type-check cost of many service packages',
  method:
    `\`tsc --noEmit --extendedDiagnostics\` (TypeScript 5.9, strict, NodeNext, skipLibCheck, types: ["node"]) of consumers that import 1, 5 and 20 ` +
    `of our packages (built dist, README example calls on the first ${CALLS}, a client of every one) beside consumers of the same services ` +
    `from \`@volcengine/openapi\` (as many as it has: ${OFFICIAL.length}; imported from its entry as its README shows). CPU is user+sys of the whole tsc ` +
    `process and max RSS its peak (getrusage); "memory used" and the counts are tsc's own. Median of ${RUNS} interleaved runs. Cold completion: a fresh ` +
    `tsserver opens the 20-service consumer and answers \`completionInfo\` at \`<first client>.\`; time from spawn to the answer, CPU and peak memory ` +
    `of the server from /proc at that moment; median of ${COMPLETION_RUNS}.`,
  table: {
    header: ['consumer', 'CPU ms', 'max RSS', 'memory used', 'files', 'instantiations', 'types', 'check s'],
    rows,
  },
  comparisons,
  goals,
  notes: [
    `Ours: ${OURS.join(', ')}. Official: ${OFFICIAL.map((s) => s.ns).join(', ')}; its entry loads every service, so its cost hardly changes with the count.`,
    'The official SDK types most inputs loosely (many `Record<string, unknown>` and plain interfaces) and validates nothing, so it gives the checker less to do per call.',
  ],
});

function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs);
  }
  return newest;
}
