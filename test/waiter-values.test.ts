/**
 * Issue 23 item 3: every state a spec's `x-volc-waiters` names is one the official sources state for that
 * member, checked against facts that do not come from the specs: the enums of the Go SDK's const blocks
 * and the Node SDK's types (sources/go, sources/node) for a member of that name in the service, and the
 * states the official Terraform provider waits for or stops at when it polls the same action
 * (sources/terraform/states.json, written by scripts/terraform-states.mjs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModels, type ServiceModel } from '@volc-ts/spec';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const specFiles = readdirSync(join(ROOT, 'spec'))
  .filter((f) => f.endsWith('.yaml') && readFileSync(join(ROOT, 'spec', f), 'utf8').includes('\nx-volc-waiters:'))
  .map((f) => join(ROOT, 'spec', f));
const models: ServiceModel[] = loadModels(specFiles);

interface MemberFacts {
  enum?: string[];
  items?: { enum?: string[] };
}
interface Facts {
  shapes: Record<string, { members?: Record<string, MemberFacts> }>;
}
interface TerraformFacts {
  resources: { service: string; actions: string[]; states: { value: string }[] }[];
}
const terraform = JSON.parse(readFileSync(join(ROOT, 'sources/terraform/states.json'), 'utf8')) as TerraformFacts;

/** Enum values the Go SDK and the Node SDK state for a member of this name, in any version of the service. */
function sdkEnumValues(service: string, member: string): Set<string> {
  const values = new Set<string>();
  for (const source of ['go', 'node']) {
    const dir = join(ROOT, 'sources', source);
    for (const file of readdirSync(dir).filter((f) => f.startsWith(`${service}-`) && f.endsWith('.json'))) {
      const facts = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Facts;
      for (const shape of Object.values(facts.shapes)) {
        const m = shape.members?.[member];
        for (const v of m?.enum ?? m?.items?.enum ?? []) values.add(v);
      }
    }
  }
  return values;
}

/** States the Terraform provider waits for, stops at or documents, in folders that poll `action` of the service. */
function terraformValues(service: string, action: string): Set<string> {
  const values = new Set<string>();
  for (const r of terraform.resources)
    if (r.service.toLowerCase() === service.toLowerCase() && r.actions.includes(action))
      for (const s of r.states) values.add(s.value);
  return values;
}

const waiters = models.flatMap((model) => (model.waiters ?? []).map((waiter) => ({ model, waiter })));

describe('x-volc-waiters against the official sources', () => {
  it('has at least 20 waiters across ECS, VPC, CLB, Redis, RDS for MySQL, MongoDB, Kafka and VKE', () => {
    expect(waiters.length).toBeGreaterThanOrEqual(20);
    const services = new Set(waiters.map(({ model }) => model.service));
    for (const s of ['ecs', 'vpc', 'clb', 'redis', 'rds_mysql', 'mongodb', 'kafka', 'vke'])
      expect(services).toContain(s);
  });

  for (const { model, waiter } of waiters) {
    it(`${model.packageName} ${waiter.name}: every state is one an official source states`, () => {
      const member = waiter.statusPath.at(-1)!;
      const official = new Set([
        ...sdkEnumValues(model.service, member),
        ...terraformValues(model.service, waiter.action),
      ]);
      for (const value of [...waiter.success, ...waiter.failure, ...waiter.retry]) {
        expect(official, `${waiter.status} = ${value} (${model.file})`).toContain(value);
      }
    });
  }
});
