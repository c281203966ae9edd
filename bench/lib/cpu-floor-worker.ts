/**
 * The CPU a client spends per call against one loopback server (in its own process, so its CPU is not
 * counted), beside the floors it could reach: node:http keep-alive + the minimal signer + `JSON.parse`,
 * and bare `fetch` + the minimal signer + `response.json()`. Each case runs batches of N calls in flight;
 * a sample is the process CPU time (user + system, `process.cpuUsage()`) of a batch divided by N. Cases
 * and levels are interleaved, round after round, and the median sample reported, so load on the machine
 * shifts every case alike. CPU time, not wall time: a busy machine makes a call wait, not work.
 *
 * Run by measures/9-cpu-vs-floor.ts with each Node it compares; prints its results as JSON on stdout.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Client } from '@volcengine/sdk-core';
import { RedisClient } from '@volc-ts/redis';
// Not a package export: the browser build's module, for the ky row.
import { createFetchTransport } from '../../packages/core/dist/esm/transport/fetch.js';
import { ACCESS_KEY_ID, CALL_INPUT, REGION, SECRET_ACCESS_KEY, SERVICE, ACTION, VERSION } from './fixtures.js';
import { minimalQueryString, minimalSign } from './minimal-signer.js';
import { DescribeCrossRegionBackupsCommand } from './sdk-core-client.js';
import { startEnvelopeServer } from './server-process.js';
import {
  FLOOR_FETCH,
  FLOOR_HTTP,
  OURS_FETCH,
  OURS_HTTP,
  OURS_KY,
  SDK_CORE,
  type CpuResult,
  type WorkerOutput,
} from './cpu-floor-names.js';
import { median } from './timing.js';

const HTTP_LEVELS = [1, 16, 64, 256];
const FETCH_LEVELS = [1, 64];
const query = { Action: ACTION, Version: VERSION };
const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
type Call = () => Promise<unknown>;

function signed(host: string) {
  const body = JSON.stringify(CALL_INPUT);
  const headers = minimalSign(
    { method: 'POST', host, path: '/', query, body },
    ACCESS_KEY_ID,
    SECRET_ACCESS_KEY,
    REGION,
    SERVICE,
    new Date(),
  );
  return { body, headers: { ...headers, 'Content-Type': 'application/json' } };
}

function cases(host: string): { name: string; levels: number[]; call: Call }[] {
  const path = `/?${minimalQueryString(query)}`;
  const url = `http://${host}${path}`;
  const [hostname, port] = host.split(':');
  const agent = new HttpAgent({ keepAlive: true });
  const floorHttp: Call = () =>
    new Promise((resolve, reject) => {
      const { body, headers } = signed(host);
      const req = httpRequest(
        {
          host: hostname,
          port: Number(port),
          path,
          method: 'POST',
          headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
          agent,
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
    });
  const floorFetch: Call = async () => {
    const { body, headers } = signed(host);
    const response = await fetch(url, { method: 'POST', headers, body });
    return ((await response.json()) as { Result: { Total: number } }).Result.Total;
  };
  const ours = new RedisClient({ region: REGION, endpoint: `http://${host}`, credentials });
  const oursFetch = new RedisClient({ region: REGION, endpoint: `http://${host}`, credentials, fetch });
  // The browser build's transport, ky over fetch, through the transport option: what ky costs per call.
  const oursKy = new RedisClient({
    region: REGION,
    endpoint: `http://${host}`,
    credentials,
    transport: createFetchTransport(fetch),
  });
  const sdkCore = new Client({ host, protocol: 'http', region: REGION, ...credentials });
  return [
    { name: FLOOR_HTTP, levels: HTTP_LEVELS, call: floorHttp },
    {
      name: OURS_HTTP,
      levels: HTTP_LEVELS,
      call: async () => (await ours.describeCrossRegionBackups(CALL_INPUT)).Total,
    },
    { name: FLOOR_FETCH, levels: FETCH_LEVELS, call: floorFetch },
    {
      name: OURS_FETCH,
      levels: FETCH_LEVELS,
      call: async () => (await oursFetch.describeCrossRegionBackups(CALL_INPUT)).Total,
    },
    {
      name: OURS_KY,
      levels: FETCH_LEVELS,
      call: async () => (await oursKy.describeCrossRegionBackups(CALL_INPUT)).Total,
    },
    {
      name: SDK_CORE,
      levels: FETCH_LEVELS,
      call: async () => (await sdkCore.send(new DescribeCrossRegionBackupsCommand({ ...CALL_INPUT }))).Result?.Total,
    },
  ];
}

/** CPU µs of `batches` batches of `inFlight` concurrent calls. */
async function cpuOf(call: Call, inFlight: number, batches: number): Promise<number> {
  const before = process.cpuUsage();
  for (let b = 0; b < batches; b++) {
    const totals = await Promise.all(Array.from({ length: inFlight }, call));
    if (totals.some((t) => t !== 1)) throw new Error('a call did not read Result.Total');
  }
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

const SAMPLE_CALLS = Number(process.env.BENCH_SAMPLE_CALLS ?? 512);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 9);

const server = await startEnvelopeServer();
const results: CpuResult[] = [];
try {
  // BENCH_CASES (a regular expression) keeps a subset of the cases, for a quick look while optimizing.
  const only = process.env.BENCH_CASES ? new RegExp(process.env.BENCH_CASES) : undefined;
  const plans = cases(server.host)
    .filter((c) => !only || only.test(c.name))
    .flatMap((c) =>
      c.levels.map((inFlight) => ({
        name: c.name,
        call: c.call,
        inFlight,
        batches: Math.max(1, Math.round(SAMPLE_CALLS / inFlight)),
        samples: [] as number[],
      })),
    );
  // Warm-up: every case at every level, twice the sample's calls.
  for (const plan of plans) await cpuOf(plan.call, plan.inFlight, plan.batches * 2);
  for (let round = 0; round < SAMPLES; round++) {
    for (const plan of plans) {
      const us = await cpuOf(plan.call, plan.inFlight, plan.batches);
      plan.samples.push(us / (plan.batches * plan.inFlight));
    }
  }
  for (const plan of plans) {
    const mid = median(plan.samples);
    results.push({
      name: plan.name,
      inFlight: plan.inFlight,
      cpuUs: mid,
      spread: (Math.max(...plan.samples) - Math.min(...plan.samples)) / mid,
      calls: plan.batches * plan.inFlight * plan.samples.length,
    });
  }
} finally {
  await server.close();
}
const output: WorkerOutput = { node: process.versions.node, results };
process.stdout.write(`${JSON.stringify(output)}\n`);
process.exit(0);
