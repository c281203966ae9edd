/**
 * 2. Per-call client overhead: DescribeCrossRegionBackups through each full client (validate,
 * serialize, sign, send, parse) against one local server, beside raw fetch + the minimal signer:
 * sequential calls, then 64 calls in flight. A second pass swaps the network for an in-memory answer,
 * through each client's own transport hook, to show the CPU each client spends per call on its own.
 * The in-memory pass also runs our client with hooks: one `beforeRequest` hook adding a header, and the
 * tracing hooks of @volc-ts/opentelemetry with a no-op and with an SDK tracer provider, beside no hooks.
 *
 * Runs on the machine's Node; measures/8-client-overhead-node24.ts runs this same file on Node 24 and
 * sets BENCH_SECTION_ID, so both land in one RESULTS.md.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Service } from '@volcengine/openapi';
import { Agent as UndiciAgent, request as undiciRequest } from 'undici';
import { Client } from '@volcengine/sdk-core';
import { trace, type TracerProvider } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { ClientConfig, HttpTransport } from '@volc-ts/core';
import { withTracing } from '@volc-ts/opentelemetry';
import { RedisClient } from '@volc-ts/redis';
import {
  ACCESS_KEY_ID,
  ACTION,
  CALL_INPUT,
  ENVELOPE,
  REGION,
  SECRET_ACCESS_KEY,
  SERVICE,
  VERSION,
} from '../lib/fixtures.js';
import { minimalQueryString, minimalSign } from '../lib/minimal-signer.js';
import { emitSection, formatCount, formatNumber, ratio, type Goal } from '../lib/report.js';
import { DescribeCrossRegionBackupsCommand } from '../lib/sdk-core-client.js';
import { startEnvelopeServer } from '../lib/server-process.js';
import { compareThroughput, type BenchCase, type ThroughputResult } from '../lib/timing.js';

const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const query = { Action: ACTION, Version: VERSION };
const NODE = `Node ${process.versions.node}`;
const SECTION_ID = Number(process.env.BENCH_SECTION_ID ?? 2);
const RAW = 'raw fetch + minimal signer';
const OURS = 'volc-ts RedisClient (node:http)';
const OURS_FETCH = 'volc-ts RedisClient, fetch option (fetch called directly on Node; browsers: ky)';
const SDK_CORE = '@volcengine/sdk-core Client';
const OPENAPI = '@volcengine/openapi Service';
const IN_FLIGHT = 64;
const RAW_NODE_HTTP = 'diagnostic: node:http keep-alive + minimal signer, no client';
const RAW_UNDICI = 'diagnostic: undici.request() + minimal signer, no client';
const OURS_HOOK = 'volc-ts RedisClient + one beforeRequest hook (adds a header)';
const OURS_OTEL_NOOP = 'volc-ts RedisClient + @volc-ts/opentelemetry, no-op tracer provider';
const OURS_OTEL_SDK = 'volc-ts RedisClient + @volc-ts/opentelemetry, SDK tracer provider (spans dropped at end)';

/** An SDK provider that samples and records every span, then drops it: the span's cost without an exporter. */
function recordingProvider(): TracerProvider {
  const drop = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };
  return new BasicTracerProvider({ spanProcessors: [drop] });
}

/** Our client in memory with hooks: the same call as OURS, so the ratio is what the hooks cost per call. */
function hookedCallers(transport: HttpTransport): BenchCase[] {
  const base: ClientConfig = { region: REGION, endpoint: 'http://127.0.0.1:9', credentials, transport };
  const hooked = new RedisClient({
    ...base,
    hooks: { beforeRequest: ({ headers }) => void (headers['X-Bench'] = 'hook') },
  });
  const noop = new RedisClient(withTracing(base, { tracerProvider: trace.getTracerProvider() }));
  const sdk = new RedisClient(withTracing(base, { tracerProvider: recordingProvider() }));
  return [
    { name: OURS_HOOK, fn: async () => (await hooked.describeCrossRegionBackups(CALL_INPUT)).Total },
    { name: OURS_OTEL_NOOP, fn: async () => (await noop.describeCrossRegionBackups(CALL_INPUT)).Total },
    { name: OURS_OTEL_SDK, fn: async () => (await sdk.describeCrossRegionBackups(CALL_INPUT)).Total },
  ];
}

/**
 * The two Node transports core could sit on, each bare with the minimal signer: the floor a client
 * over it can reach, and the measurement behind choosing node:http (issue 11).
 */
function transportFloors(host: string): BenchCase[] {
  const path = `/?${minimalQueryString(query)}`;
  const httpAgent = new HttpAgent({ keepAlive: true });
  const undiciAgent = new UndiciAgent();
  const signed = () => {
    const body = JSON.stringify(CALL_INPUT);
    return {
      body,
      headers: {
        ...minimalSign(
          { method: 'POST', host, path: '/', query, body },
          ACCESS_KEY_ID,
          SECRET_ACCESS_KEY,
          REGION,
          SERVICE,
          new Date(),
        ),
        'Content-Type': 'application/json',
      },
    };
  };
  const [hostname, port] = host.split(':');
  return [
    {
      name: RAW_NODE_HTTP,
      fn: () =>
        new Promise<number>((resolve, reject) => {
          const { body, headers } = signed();
          const req = httpRequest(
            {
              host: hostname,
              port: Number(port),
              path,
              method: 'POST',
              headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
              agent: httpAgent,
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (text += chunk));
              res.on('end', () => resolve((JSON.parse(text) as { Result: { Total: number } }).Result.Total));
              res.on('error', reject);
            },
          );
          req.on('error', reject);
          req.end(body);
        }),
    },
    {
      name: RAW_UNDICI,
      fn: async () => {
        const { body, headers } = signed();
        const response = await undiciRequest(`http://${host}${path}`, {
          method: 'POST',
          headers,
          body,
          dispatcher: undiciAgent,
        });
        return ((await response.body.json()) as { Result: { Total: number } }).Result.Total;
      },
    },
  ];
}

/** The callers against `host`; `stub` replaces the network with an in-memory envelope through each client's hook. */
function callers(host: string, stub: boolean): BenchCase[] {
  const stubFetch = (async () =>
    new Response(ENVELOPE, { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
  const stubHeaders = new Headers({ 'Content-Type': 'application/json' });
  const stubTransport: HttpTransport = async () => ({ status: 200, headers: stubHeaders, text: ENVELOPE });
  const send = stub ? stubFetch : fetch;
  const url = `http://${host}/?${minimalQueryString(query)}`;
  async function raw(): Promise<number> {
    const body = JSON.stringify(CALL_INPUT);
    const signed = minimalSign(
      { method: 'POST', host, path: '/', query, body },
      ACCESS_KEY_ID,
      SECRET_ACCESS_KEY,
      REGION,
      SERVICE,
      new Date(),
    );
    const response = await send(url, {
      method: 'POST',
      headers: { ...signed, 'Content-Type': 'application/json' },
      body,
    });
    return ((await response.json()) as { Result: { Total: number } }).Result.Total;
  }

  const ours = new RedisClient({
    region: REGION,
    endpoint: `http://${host}`,
    credentials,
    ...(stub ? { transport: stubTransport } : {}),
  });
  const oursFetch = new RedisClient({ region: REGION, endpoint: `http://${host}`, credentials, fetch: send });
  const sdkCore = new Client({
    host,
    protocol: 'http',
    region: REGION,
    ...credentials,
    ...(stub
      ? {
          requestHandler: {
            request: async () => ({ status: 200, statusText: 'OK', headers: {}, data: JSON.parse(ENVELOPE) }),
          },
        }
      : {}),
  });
  const openapi = new Service({
    serviceName: SERVICE,
    host,
    protocol: 'http:',
    region: REGION,
    accessKeyId: ACCESS_KEY_ID,
    secretKey: SECRET_ACCESS_KEY,
  });
  const openapiCall = openapi.createJSONAPI(ACTION, { Version: VERSION });
  // axios 0.21's adapter hook: the whole request pipeline runs, then this answers instead of node:http.
  const openapiAdapter = stub
    ? {
        adapter: async (config: object) => ({
          data: JSON.parse(ENVELOPE),
          status: 200,
          statusText: 'OK',
          headers: {},
          config,
        }),
      }
    : {};

  return [
    { name: RAW, fn: raw },
    { name: OURS, fn: async () => (await ours.describeCrossRegionBackups(CALL_INPUT)).Total },
    ...(stub ? hookedCallers(stubTransport) : []),
    { name: OURS_FETCH, fn: async () => (await oursFetch.describeCrossRegionBackups(CALL_INPUT)).Total },
    {
      name: SDK_CORE,
      fn: async () => (await sdkCore.send(new DescribeCrossRegionBackupsCommand({ ...CALL_INPUT }))).Result?.Total,
    },
    // The adapter type is axios 0.21's; the stub satisfies it at run time.
    {
      name: OPENAPI,
      fn: async () =>
        (
          (await openapiCall({ ...CALL_INPUT }, { Action: ACTION, ...(openapiAdapter as object) })).Result as
            | { Total?: number }
            | undefined
        )?.Total,
    },
  ];
}

/** Every caller must really read the result before it is timed. */
async function checked(cases: BenchCase[]): Promise<BenchCase[]> {
  for (const c of cases) {
    const total = await c.fn();
    if (total !== 1) throw new Error(`${c.name} did not read Result.Total from the envelope (got ${String(total)})`);
  }
  return cases;
}

/** `IN_FLIGHT` calls of a case at once; one operation is the whole batch. */
function concurrent(c: BenchCase): BenchCase {
  return {
    name: c.name,
    fn: async () => {
      const totals = await Promise.all(Array.from({ length: IN_FLIGHT }, () => c.fn()));
      if (totals.some((t) => t !== 1)) throw new Error(`${c.name}: a concurrent call did not read Result.Total`);
    },
  };
}

const server = await startEnvelopeServer();
let network: ThroughputResult[];
let parallel: ThroughputResult[];
try {
  const cases = await checked(callers(server.host, false));
  network = await compareThroughput([...cases, ...(await checked(transportFloors(server.host)))], {
    warmupMs: 800,
    sampleMs: 200,
    samples: 12,
  });
  const parallelCases = cases.filter((c) => c.name !== RAW).map(concurrent);
  parallel = (await compareThroughput(parallelCases, { warmupMs: 800, sampleMs: 300, samples: 8 })).map((r) => ({
    ...r,
    // Per call, not per batch.
    nsPerOp: r.nsPerOp / IN_FLIGHT,
    opsPerSec: r.opsPerSec * IN_FLIGHT,
    operations: r.operations * IN_FLIGHT,
  }));
} finally {
  await server.close();
}

const inMemory = await compareThroughput(await checked(callers('127.0.0.1:9', true)), {
  warmupMs: 500,
  sampleMs: 150,
  samples: 12,
});

const us = (results: ThroughputResult[], name: string) => results.find((r) => r.name === name)!.nsPerOp / 1000;
const raw = us(network, RAW);
const ours = us(network, OURS);
const sdkCore = us(network, SDK_CORE);
const openapi = us(network, OPENAPI);
const parOurs = us(parallel, OURS);
const parSdkCore = us(parallel, SDK_CORE);
const parOpenapi = us(parallel, OPENAPI);
const memOurs = us(inMemory, OURS);
const memSdkCore = us(inMemory, SDK_CORE);
const hookCost = (name: string) => `${formatNumber(us(inMemory, name))} µs (${ratio(us(inMemory, name), memOurs)})`;

const goals: Goal[] = [
  {
    text: `per-call time over loopback at most 0.8x @volcengine/sdk-core's (${NODE})`,
    met: ours <= 0.8 * sdkCore,
    measured: `${formatNumber(ours / sdkCore)}x (${formatNumber(ours)} vs ${formatNumber(sdkCore)} µs per call)`,
    whenMissed:
      'The in-memory rows show whether the time goes to our own CPU or to the transport; the ky-over-fetch row shows what ' +
      'the fetch path would cost instead of node:http.',
  },
  {
    text: `client CPU per call (in-memory) at most @volcengine/sdk-core's (${NODE})`,
    met: memOurs <= memSdkCore,
    measured: `${formatNumber(memOurs / memSdkCore)}x (${formatNumber(memOurs)} vs ${formatNumber(memSdkCore)} µs per call)`,
    whenMissed:
      'The in-memory path of ours is validation, serialization, signing and envelope parsing; profile it with --cpu-prof on this file.',
  },
];

const row = (transport: string, base: number) => (r: ThroughputResult) => [
  r.name,
  transport,
  formatCount(r.opsPerSec),
  formatNumber(r.nsPerOp / 1000),
  ratio(r.nsPerOp / 1000, base),
  formatCount(r.operations),
];

emitSection({
  id: SECTION_ID,
  title: `Per-call client overhead (DescribeCrossRegionBackups), ${NODE}`,
  method:
    `${NODE}. Loopback: one node:http server in its own process on 127.0.0.1 answers every request with the same fixed envelope (no ` +
    'signature check); each client makes sequential keep-alive calls (samples of ~200 ms interleaved across clients, median of 12), ' +
    `then batches of ${IN_FLIGHT} calls in flight at once (µs per call = batch time / ${IN_FLIGHT}; median of 8). ` +
    'In-memory: the same clients with the network swapped for an in-memory envelope through their own hooks (ours: `transport` ' +
    'option, and a stub `fetch` for the ky row; sdk-core: `requestHandler`; openapi: axios `adapter`; raw: a stub fetch), which ' +
    'leaves the CPU each spends per call. Every client is checked to read `Result.Total` before timing.',
  table: {
    header: ['client', 'transport', 'calls/s', 'µs/call', 'this ÷ sdk-core', 'calls timed'],
    rows: [
      ...network.map(row('loopback, sequential', sdkCore)),
      ...parallel.map(row(`loopback, ${IN_FLIGHT} in flight`, parSdkCore)),
      ...inMemory.map(row('in-memory', memSdkCore)),
    ],
  },
  comparisons: [
    {
      metric: `µs per call (loopback) vs @volcengine/sdk-core Client, ${NODE}`,
      ours: formatNumber(ours),
      theirs: formatNumber(sdkCore),
      ratio: ratio(sdkCore, ours),
    },
    {
      metric: `µs per call (loopback) vs @volcengine/openapi Service, ${NODE}`,
      ours: formatNumber(ours),
      theirs: formatNumber(openapi),
      ratio: ratio(openapi, ours),
    },
    {
      metric: `µs per call (loopback) vs raw fetch + minimal signer, ${NODE}`,
      ours: formatNumber(ours),
      theirs: formatNumber(raw),
      ratio: ratio(raw, ours),
    },
    {
      metric: `µs per call, ${IN_FLIGHT} in flight, vs @volcengine/sdk-core, ${NODE}`,
      ours: formatNumber(parOurs),
      theirs: formatNumber(parSdkCore),
      ratio: ratio(parSdkCore, parOurs),
    },
    {
      metric: `µs per call, ${IN_FLIGHT} in flight, vs @volcengine/openapi, ${NODE}`,
      ours: formatNumber(parOurs),
      theirs: formatNumber(parOpenapi),
      ratio: ratio(parOpenapi, parOurs),
    },
    {
      metric: `client CPU µs per call (in-memory) vs @volcengine/sdk-core, ${NODE}`,
      ours: formatNumber(memOurs),
      theirs: formatNumber(memSdkCore),
      ratio: ratio(memSdkCore, memOurs),
    },
  ],
  goals,
  notes: [
    'sdk-core has no Redis package on npm (`npm view @volcengine/redis` is a 404); its call is a Command subclass with the metaPath its generated clients use.',
    'sdk-core and openapi send through axios on node:http; ours through node:http with a keep-alive agent (packages/core/src/transport/node.ts); raw fetch and the ky row through undici (`fetch`).',
    `Choosing the Node transport: the two diagnostic rows are the bare floors, node:http ${formatNumber(us(network, RAW_NODE_HTTP))} µs and undici.request() ${formatNumber(us(network, RAW_UNDICI))} µs per call in this run; node:http needs no dependency, so core uses it.`,
    'Ratios in the table are this row ÷ sdk-core in the same mode: below 1 is faster than sdk-core.',
    `Hooks, client CPU per call in memory (÷ the same client without hooks, ${formatNumber(memOurs)} µs): one beforeRequest hook ` +
      `adding a header ${hookCost(OURS_HOOK)}; @volc-ts/opentelemetry with the no-op provider ${hookCost(OURS_OTEL_NOOP)}, ` +
      `with an SDK provider recording every span ${hookCost(OURS_OTEL_SDK)}.`,
  ],
});
