/**
 * Every service, sampled: a seeded random sample of actions across the generated packages is called
 * through their generated clients against volc-mock serving every spec. Each call must come back with
 * the right envelope, travel with the method and body its spec says (JSON POST, GET query, form POST),
 * and carry a signature that the official SDK's signer reproduces independently, scoped to the
 * service's signing name and to the client's region (cn-beijing for global services).
 *
 * The sample changes daily and is reproducible: `VOLC_CI_SEED=<seed>` (printed below) picks the same
 * one. It always holds form, GET and JSON actions and global and regional services.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_CREDENTIALS, startMockServer, type MockServer } from '@volc-ts/mock';
import { loadCatalog, type ActionDef } from '../packages/mock/src/catalog/catalog.js';
import { deref, isRecord } from '../packages/mock/src/catalog/refs.js';
import { methodName } from '@volc-ts/spec';
import { ciSeed, seededSample } from '../scripts/ci-sample.mjs';
import { officialSignature, parseAuthorization } from './helpers/signature.js';

const SPEC = fileURLToPath(new URL('../spec/', import.meta.url));
const SERVICES = 24;
const ACTIONS_PER_SERVICE = 2;
const REGION = 'cn-shanghai';

interface Candidate {
  readonly def: ActionDef;
  readonly pkg: string;
  readonly className: string;
  readonly protocol: 'json' | 'query' | 'form';
}

/** Actions callable with `{}`: no input, or an input object without required members or conditional rules. */
function callableEmpty(def: ActionDef): boolean {
  if (!def.inputSchema) return true;
  const schema = deref(def.document, def.inputSchema);
  if (!isRecord(schema)) return false;
  const required = Array.isArray(schema.required) ? schema.required : [];
  return required.length === 0 && schema.if === undefined && schema.allOf === undefined;
}

function candidates(): Map<string, Candidate[]> {
  const byPackage = new Map<string, Candidate[]>();
  for (const def of loadCatalog(SPEC).all()) {
    const service = def.document['x-volc-service'] as { package: string; className: string };
    if (!callableEmpty(def)) continue;
    const list = byPackage.get(service.package) ?? [];
    list.push({ def, pkg: service.package, className: service.className, protocol: def.protocol });
    byPackage.set(service.package, list);
  }
  return byPackage;
}

/** The day's sample: always one form action and one global service, the rest seeded. */
function sample(seed: number): Candidate[] {
  const byPackage = candidates();
  const packages = [...byPackage.keys()].filter(
    (pkg) =>
      byPackage.get(pkg)!.length >= ACTIONS_PER_SERVICE || byPackage.get(pkg)!.some((c) => c.protocol === 'form'),
  );
  const formPackages = packages.filter((pkg) => byPackage.get(pkg)!.some((c) => c.protocol === 'form'));
  const globalPackages = packages.filter((pkg) => byPackage.get(pkg)!.some((c) => c.def.global));
  const forced = [...seededSample(formPackages, 1, seed), ...seededSample(globalPackages, 1, seed + 1)];
  const rest = seededSample(
    packages.filter((pkg) => !forced.includes(pkg)),
    SERVICES - forced.length,
    seed + 2,
  );
  const chosen: Candidate[] = [];
  for (const pkg of [...new Set([...forced, ...rest])]) {
    const list = byPackage.get(pkg)!;
    const byName = new Map(list.map((c) => [c.def.action, c]));
    const form = list.filter((c) => c.protocol === 'form').map((c) => c.def.action);
    const names = [
      ...seededSample(form, 1, seed),
      ...seededSample([...byName.keys()], ACTIONS_PER_SERVICE, seed + pkg.length),
    ];
    chosen.push(...[...new Set(names)].slice(0, ACTIONS_PER_SERVICE).map((name) => byName.get(name)!));
  }
  return chosen;
}

const seed = ciSeed();
const calls = sample(seed);
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ spec: SPEC });
  console.log(
    `e2e sample (VOLC_CI_SEED=${seed}): ${calls.length} actions of ${new Set(calls.map((c) => c.pkg)).size} services`,
  );
}, 60_000);
afterAll(() => mock?.close());

describe(`a seeded sample of every service's actions against volc-mock (VOLC_CI_SEED=${seed})`, () => {
  it('covers at least 40 actions of 20 services: JSON, GET and form; regional and global', () => {
    expect(calls.length).toBeGreaterThanOrEqual(40);
    expect(new Set(calls.map((c) => c.pkg)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(calls.map((c) => c.protocol))).toEqual(new Set(['json', 'query', 'form']));
    expect(new Set(calls.map((c) => c.def.global))).toEqual(new Set([true, false]));
  });

  for (const call of calls) {
    const { def } = call;
    it(`${call.pkg}: ${def.action} (${call.protocol}, ${def.global ? 'global' : 'regional'})`, async () => {
      const module = (await import(`@volc-ts/${call.pkg}`)) as Record<string, unknown>;
      const Client = module[`${call.className}Client`] as new (
        config: object,
      ) => Record<string, (input: object) => Promise<{ $metadata: { RequestId: string; Action: string } }>>;
      const client = new Client({ endpoint: mock.url, credentials: MOCK_CREDENTIALS, region: REGION, maxAttempts: 1 });
      mock.reset();
      const result = await client[methodName(def.action)]!({});
      expect(result.$metadata.Action).toBe(def.action);
      expect(result.$metadata.RequestId).toMatch(/\S/);

      const [request, ...more] = mock.requestsFor(def.action);
      expect(more).toHaveLength(0);
      expect(request!.method).toBe(def.method);
      expect(request!.query.Action).toBe(def.action);
      expect(request!.query.Version).toBe(def.version);
      const contentType = String(request!.headers['content-type'] ?? '');
      if (call.protocol === 'json') expect(contentType).toMatch(/^application\/json/);
      if (call.protocol === 'form') expect(contentType).toMatch(/^application\/x-www-form-urlencoded/);
      if (call.protocol === 'query') expect(request!.body).toBe('');

      const auth = parseAuthorization(request!.headers.authorization);
      expect([auth.service, auth.region]).toEqual([def.service, def.global ? 'cn-beijing' : REGION]);
      expect(officialSignature(request!)).toBe(auth.signature);
    });
  }

  it('gives every sampled service a default host that is a valid DNS name, as its spec states it', async () => {
    for (const pkg of new Set(calls.map((c) => c.pkg))) {
      const call = calls.find((c) => c.pkg === pkg)!;
      const module = (await import(`@volc-ts/${pkg}`)) as Record<string, unknown>;
      const Client = module[`${call.className}Client`] as new (config: object) => { config: { host: string } };
      const host = new Client({ region: REGION, credentials: MOCK_CREDENTIALS }).config.host;
      expect(host, pkg).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/);
      const server = (call.def.document.servers as { url: string }[])[0]!.url;
      expect(`https://${host}`, pkg).toBe(server.replace('{region}', REGION));
    }
  });
});
