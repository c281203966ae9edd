/**
 * The specs against the official sources, not against anything built from the specs: the committed
 * facts of the Node SDK, the Go SDK and the CLI (sources/, extracted by `volc-gen sources`). Every
 * action of every source is in a spec; each action's version, signing name, method and body, and each
 * member's wire name, type and required flag agree with every source that states them, or carry a
 * recorded decision (`x-volc-crosscheck`). A disagreement without a decision fails, naming the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { type ConformanceResult, checkConformance, renderCoverage } from '../generator/src/sources/conformance.js';
import { readSourceFacts } from '../generator/src/sources/io.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = join(ROOT, 'spec');
const SOURCES = join(ROOT, 'sources');

type Json = Record<string, unknown>;

function specOf(pkg: string): Json {
  return load(readFileSync(join(SPEC, `${pkg}.yaml`), 'utf8')) as Json;
}

function actionsOf(spec: Json): string[] {
  return Object.values((spec.paths ?? {}) as Record<string, Record<string, Json>>).flatMap((item) =>
    Object.values(item).map((op) => String(op.operationId)),
  );
}

describe('specs against the official sources', () => {
  let result: ConformanceResult;
  beforeAll(() => {
    result = checkConformance(SPEC, SOURCES);
  }, 120_000);

  it('compare every action of every spec', () => {
    expect(result.actions).toBeGreaterThan(5000);
    expect(result.members).toBeGreaterThan(80_000);
  });

  it('hold every action of every source', () => {
    for (const source of ['node', 'go', 'cli'] as const) {
      expect(result.coverage[source].actions, source).toBeGreaterThan(0);
      expect(result.coverage[source].inSpecs, source).toBe(result.coverage[source].actions);
    }
  });

  it('disagree with no source without a recorded decision', () => {
    const lines = result.disagreements.map((d) => `${d.file}${d.action ? ` ${d.action}` : ''}: ${d.what}`);
    expect(lines.slice(0, 20), `${lines.length} disagreement(s)`).toEqual([]);
  });

  it('list in sources/COVERAGE.md exactly the actions no spec can hold (only the CLI lists them, with no method)', () => {
    expect(readFileSync(join(SOURCES, 'COVERAGE.md'), 'utf8')).toBe(renderCoverage(result));
  });

  it('give Kafka the actions only the Go SDK had', () => {
    const kafka = actionsOf(specOf('kafka'));
    for (const name of ['CreateInstance', 'CreateTopic', 'DescribeInstances', 'DescribeInstanceDetail'])
      expect(kafka).toContain(name);
  });

  it('name members as the server reads them: no escape, no member starting with _ that no source sends', () => {
    const wire = new Set<string>();
    for (const source of ['node', 'go', 'cli'] as const)
      for (const facts of readSourceFacts(SOURCES, source))
        for (const shape of Object.values(facts.shapes))
          for (const [name, member] of Object.entries(shape.members))
            if (source !== 'node' || !member.sourceName) wire.add(name);
    const offenders: string[] = [];
    for (const file of readdirSync(SPEC).filter((f) => f.endsWith('.yaml'))) {
      const spec = load(readFileSync(join(SPEC, file), 'utf8')) as Json;
      const schemas = ((spec.components as Json).schemas ?? {}) as Record<string, Json>;
      for (const [schema, body] of Object.entries(schemas))
        for (const name of Object.keys((body.properties ?? {}) as Json))
          if (name.startsWith('_') && !wire.has(name)) offenders.push(`${file} ${schema}.${name}`);
    }
    expect(offenders).toEqual([]);
    const listUsers = specOf('iam').components as { schemas: Record<string, Json> };
    expect(Object.keys(listUsers.schemas.ListUsersRequest!.properties as Json)).toContain('Query');
  });
});
