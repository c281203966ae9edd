/**
 * Measures volc-mock's memory under the load of issue 22's probe (not a test; figures for the record):
 *
 *   npx tsx packages/mock/scripts/probe-rss.ts [--calls 20000] [--body-kib 10] [--big-mib 512] [--concurrency 32] [--spec redis|all]
 *
 * The mock runs in a child process (only its memory is measured), loaded with the Redis spec (or every spec). The
 * parent sends `--calls` signed JSON calls whose body is about `--body-kib` KiB each, then one call with a
 * `--big-mib` MiB body (streamed from a reused 1 MiB buffer, so the parent stays small). After each phase
 * the child runs a full GC and reports its RSS, heap and the length of its request log; start-up time and
 * calls per second are printed too (single runs on a shared machine: indications, not benchmarks). Loopback only.
 */
import { fork } from 'node:child_process';
import { request, Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface Stats {
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly externalMiB: number;
  readonly recorded: number;
  /** CPU time the mock process used so far (user + system), in ms. */
  readonly cpuMs: number;
}

const here = fileURLToPath(import.meta.url);
const MiB = 1024 * 1024;

if (process.argv[2] === '--child') await child();
else await parent();

/** The mock, answering `stats` messages after a full GC. */
async function child(): Promise<void> {
  const { startMockServer } = await import('../src/index.js');
  const spec =
    process.argv[3] === 'all'
      ? fileURLToPath(new URL('../../../spec/', import.meta.url))
      : fileURLToPath(new URL('../../../spec/redis.yaml', import.meta.url));
  const started = performance.now();
  const mock = await startMockServer({ spec });
  const startupMs = Math.round(performance.now() - started);
  const stats = (): Stats => {
    (globalThis as { gc?: () => void }).gc?.();
    const usage = process.memoryUsage();
    return {
      rssMiB: Math.round(usage.rss / MiB),
      heapUsedMiB: Math.round(usage.heapUsed / MiB),
      externalMiB: Math.round((usage.external + usage.arrayBuffers) / MiB),
      recorded: mock.requests.length,
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    };
  };
  process.on('message', (message) => {
    if (message === 'stats') process.send?.(stats());
    if (message === 'stop') void mock.close().then(() => process.exit(0));
  });
  process.send?.({ url: mock.url, startupMs });
}

async function parent(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '20000' },
      'body-kib': { type: 'string', default: '10' },
      'big-mib': { type: 'string', default: '512' },
      concurrency: { type: 'string', default: '32' },
      spec: { type: 'string', default: 'redis' },
    },
  });
  const calls = Number(values.calls);
  const bodyKiB = Number(values['body-kib']);
  const bigMiB = Number(values['big-mib']);
  const concurrency = Number(values.concurrency);
  const { signCall, describeBackups, SEED_SAMPLE } = await import('../test/helpers.js');

  const proc = fork(here, ['--child', values.spec === 'all' ? 'all' : 'redis'], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: 'inherit',
  });
  const next = <T>(): Promise<T> => new Promise((resolve) => proc.once('message', (m) => resolve(m as T)));
  const { url, startupMs } = await next<{ url: string; startupMs: number }>();
  const stats = async (): Promise<Stats> => {
    const reply = next<Stats>();
    proc.send('stats');
    return reply;
  };
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (path: string, headers: Record<string, string>, body: string | (() => Iterable<Buffer>)) =>
    new Promise<number>((resolve) => {
      const req = request(new URL(path, url), { method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(-1));
      if (typeof body === 'string') req.end(body);
      else {
        const chunks = body()[Symbol.iterator]();
        const pump = (): void => {
          for (let step = chunks.next(); !step.done; step = chunks.next()) {
            if (req.destroyed) return;
            if (!req.write(step.value)) {
              req.once('drain', pump);
              return;
            }
          }
          req.end();
        };
        pump();
      }
    });

  const rows: [string, Stats][] = [[`started (${values.spec === 'all' ? 'every spec' : 'Redis spec'})`, await stats()]];

  // One signed call reused: the mock records each as a new request (the signature stays valid for 15 minutes).
  const padding = 'x'.repeat(Math.max(0, bodyKiB * 1024 - JSON.stringify(SEED_SAMPLE).length - 16));
  const signed = signCall(describeBackups({ ...SEED_SAMPLE, BackupPointName: 'probe', Padding: padding }));
  const statuses = new Map<number, number>();
  let sent = 0;
  const callsStarted = performance.now();
  const cpuBefore = rows[0]?.[1].cpuMs ?? 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < calls) {
        sent++;
        const status = await post(signed.path, signed.headers, signed.body ?? '');
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const callsMs = performance.now() - callsStarted;
  const afterCalls = await stats();
  rows.push([`after ${calls} calls of ${bodyKiB} KiB`, afterCalls]);
  const cpuPerCall = ((afterCalls.cpuMs - cpuBefore) * 1000) / calls;

  const length = bigMiB * MiB;
  const chunk = Buffer.alloc(MiB, 0x20);
  const big = signCall(describeBackups({}));
  const bigHeaders: Record<string, string> = { ...big.headers, 'content-length': String(length) };
  delete bigHeaders['X-Content-Sha256'];
  const bigStatus = await post(big.path, bigHeaders, function* () {
    for (let i = 0; i < bigMiB; i++) yield chunk;
  });
  rows.push([`after one ${bigMiB} MiB body (status ${bigStatus})`, await stats()]);

  console.log(
    `start-up: ${startupMs} ms; small calls: ${Math.round((calls / callsMs) * 1000)} per second, ${Math.round(cpuPerCall)} µs of the mock's CPU each`,
  );
  console.log(`statuses of the small calls: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log('| phase | RSS MiB | heap used MiB | external MiB | recorded requests |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [phase, s] of rows)
    console.log(`| ${phase} | ${s.rssMiB} | ${s.heapUsedMiB} | ${s.externalMiB} | ${s.recorded} |`);
  agent.destroy();
  proc.send('stop');
}
