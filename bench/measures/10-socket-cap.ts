/**
 * 9. 300 calls in flight on one client: µs per call and the sockets each client opens. Ours caps
 * connections at `maxSockets` (default 50) and queues the rest; the official SDKs send through axios on
 * Node's global agent, which has no cap. Each client talks to an envelope server of its own (a child
 * process), which counts the connections it accepts; batches of every client are interleaved.
 */
import { Service } from '@volcengine/openapi';
import { Client } from '@volcengine/sdk-core';
import { RedisClient } from '@volc-ts/redis';
import { ACCESS_KEY_ID, ACTION, CALL_INPUT, REGION, SECRET_ACCESS_KEY, SERVICE, VERSION } from '../lib/fixtures.js';
import { emitSection, formatCount, formatNumber, ratio, type Goal } from '../lib/report.js';
import { DescribeCrossRegionBackupsCommand } from '../lib/sdk-core-client.js';
import { startEnvelopeServer, type EnvelopeServer, type SocketCounts } from '../lib/server-process.js';
import { median } from '../lib/timing.js';

const IN_FLIGHT = 300;
const WARMUP_BATCHES = 3;
const SAMPLES = 15;
const NODE = `Node ${process.versions.node}`;
const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };

const OURS = 'volc-ts RedisClient (node:http, maxSockets 50)';
const OURS_FETCH = 'volc-ts RedisClient, ky over fetch (maxSockets 50)';
const OURS_UNCAPPED = 'diagnostic: volc-ts RedisClient (node:http, maxSockets Infinity)';
const OURS_FETCH_UNCAPPED = 'diagnostic: volc-ts RedisClient, ky over fetch (maxSockets Infinity)';
const SDK_CORE = '@volcengine/sdk-core Client';
const OPENAPI = '@volcengine/openapi Service';

interface Case {
  readonly name: string;
  readonly server: EnvelopeServer;
  readonly call: () => Promise<number | undefined>;
  readonly close?: () => Promise<void>;
}

function makeCase(name: string, server: EnvelopeServer): Case {
  const { host } = server;
  const endpoint = `http://${host}`;
  if (name.includes('volc-ts')) {
    const client = new RedisClient({
      region: REGION,
      endpoint,
      credentials,
      ...(name.includes('fetch') ? { fetch: (input, init) => fetch(input, init) } : {}),
      ...(name.includes('Infinity') ? { maxSockets: Number.POSITIVE_INFINITY } : {}),
    });
    return {
      name,
      server,
      call: async () => (await client.describeCrossRegionBackups(CALL_INPUT)).Total,
      close: () => client.destroy(),
    };
  }
  if (name === SDK_CORE) {
    const client = new Client({ host, protocol: 'http', region: REGION, ...credentials });
    return {
      name,
      server,
      call: async () => (await client.send(new DescribeCrossRegionBackupsCommand({ ...CALL_INPUT }))).Result?.Total,
    };
  }
  const openapi = new Service({
    serviceName: SERVICE,
    host,
    protocol: 'http:',
    region: REGION,
    accessKeyId: ACCESS_KEY_ID,
    secretKey: SECRET_ACCESS_KEY,
  });
  const call = openapi.createJSONAPI(ACTION, { Version: VERSION });
  return {
    name,
    server,
    call: async () =>
      ((await call({ ...CALL_INPUT }, { Action: ACTION })).Result as { Total?: number } | undefined)?.Total,
  };
}

/** One batch: `IN_FLIGHT` calls at once; ns for the batch. */
async function batch(c: Case): Promise<number> {
  const started = process.hrtime.bigint();
  const totals = await Promise.all(Array.from({ length: IN_FLIGHT }, () => c.call()));
  const elapsed = Number(process.hrtime.bigint() - started);
  if (totals.some((t) => t !== 1)) throw new Error(`${c.name}: a call did not read Result.Total`);
  return elapsed;
}

const names = [OURS, OURS_FETCH, SDK_CORE, OPENAPI, OURS_UNCAPPED, OURS_FETCH_UNCAPPED];
const servers = await Promise.all(names.map(() => startEnvelopeServer()));
const results: { name: string; usPerCall: number; sockets: SocketCounts }[] = [];
try {
  const cases = names.map((name, i) => makeCase(name, servers[i]!));
  for (let i = 0; i < WARMUP_BATCHES; i++) for (const c of cases) await batch(c);
  const samples = new Map<string, number[]>(names.map((n) => [n, []]));
  // Interleaved: a batch of each, round after round, so drift in the machine's speed hits all alike.
  for (let i = 0; i < SAMPLES; i++) for (const c of cases) samples.get(c.name)!.push(await batch(c));
  for (const c of cases) {
    results.push({
      name: c.name,
      usPerCall: median(samples.get(c.name)!) / IN_FLIGHT / 1000,
      sockets: await c.server.sockets(),
    });
    await c.close?.();
  }
} finally {
  await Promise.all(servers.map((s) => s.close()));
}

const of = (name: string) => results.find((r) => r.name === name)!;
const ours = of(OURS);
const sdkCore = of(SDK_CORE);
const openapi = of(OPENAPI);
const batches = WARMUP_BATCHES + SAMPLES;

const goals: Goal[] = [
  {
    text: `at most 50 sockets for ${IN_FLIGHT} calls in flight on one client, on node:http and over fetch`,
    met: ours.sockets.opened <= 50 && of(OURS_FETCH).sockets.opened <= 50,
    measured: `node:http ${ours.sockets.opened}, fetch ${of(OURS_FETCH).sockets.opened} sockets opened over ${batches} batches`,
    whenMissed:
      'node:http: the agents of transport/node.ts must get maxSockets; fetch: transport/slots.ts must hold requests beyond the cap ' +
      'and hand a freed slot over one macrotask later, once undici has put the connection back in its pool.',
  },
  {
    text: `µs per call with ${IN_FLIGHT} in flight at most @volcengine/sdk-core's, with the cap on (${NODE})`,
    met: ours.usPerCall <= sdkCore.usPerCall,
    measured: `${formatNumber(ours.usPerCall / sdkCore.usPerCall)}x (${formatNumber(ours.usPerCall)} vs ${formatNumber(sdkCore.usPerCall)} µs per call)`,
    whenMissed:
      'Compare with the uncapped diagnostic rows: if they are much faster, the queue in front of the connections costs too much.',
  },
];

emitSection({
  id: 10,
  title: `${IN_FLIGHT} calls in flight with the socket cap (DescribeCrossRegionBackups), ${NODE}`,
  method:
    `${NODE}. Each client has its own envelope server (a node:http server in a child process on 127.0.0.1 that answers every ` +
    `request with the same fixed envelope and counts the connections it accepts). A batch is ${IN_FLIGHT} calls on one client at ` +
    `once; after ${WARMUP_BATCHES} warm-up batches each, ${SAMPLES} batches of every client run interleaved; µs per call = median ` +
    `batch time / ${IN_FLIGHT}. Sockets are counted by the server over all ${batches} batches.`,
  table: {
    header: ['client', 'µs/call', 'this ÷ sdk-core', 'sockets opened', 'most open at once', 'calls timed'],
    rows: results.map((r) => [
      r.name,
      formatNumber(r.usPerCall),
      ratio(r.usPerCall, sdkCore.usPerCall),
      formatCount(r.sockets.opened),
      formatCount(r.sockets.mostOpen),
      formatCount(SAMPLES * IN_FLIGHT),
    ]),
  },
  comparisons: [
    {
      metric: `µs per call, ${IN_FLIGHT} in flight, vs @volcengine/sdk-core, ${NODE}`,
      ours: formatNumber(ours.usPerCall),
      theirs: formatNumber(sdkCore.usPerCall),
      ratio: ratio(sdkCore.usPerCall, ours.usPerCall),
    },
    {
      metric: `µs per call, ${IN_FLIGHT} in flight, vs @volcengine/openapi, ${NODE}`,
      ours: formatNumber(ours.usPerCall),
      theirs: formatNumber(openapi.usPerCall),
      ratio: ratio(openapi.usPerCall, ours.usPerCall),
    },
    {
      metric: `sockets opened for ${IN_FLIGHT} in flight vs @volcengine/sdk-core, ${NODE}`,
      ours: formatCount(ours.sockets.opened),
      theirs: formatCount(sdkCore.sockets.opened),
      ratio: ratio(sdkCore.sockets.opened, ours.sockets.opened),
    },
  ],
  goals,
  notes: [
    "sdk-core and openapi send through axios on Node's global agent (keep-alive on Node 20, no socket cap), so they open a socket per call in flight.",
    "The fetch rows send through Node's global fetch (undici): the cap is ours (transport/slots.ts), the connections undici's.",
    'Ratios in the table are this row ÷ sdk-core: below 1 is faster than sdk-core.',
  ],
});
