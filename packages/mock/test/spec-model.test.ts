/**
 * The mock reads specs through @volc-ts/spec, the generator's own model: what volc-gen refuses, the
 * mock refuses with the same diagnostics, and what it accepts, both read the same way.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModels, SpecError } from '@volc-ts/spec';
import { loadCatalog } from '../src/catalog/catalog.js';
import { startMockServer } from '../src/index.js';

const fixture = readFileSync(fileURLToPath(new URL('./fixtures/ecs-mini.yaml', import.meta.url)), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'volc-mock-spec-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fixture with one pagination member changed, written to its own file. */
function withPagination(from: string, to: string, name: string): string {
  expect(fixture.split(from)).toHaveLength(2);
  const file = join(work, name);
  writeFileSync(file, fixture.replace(from, to));
  return file;
}

async function refusal(file: string): Promise<SpecError> {
  const error = await startMockServer({ spec: file }).then(
    async (server) => {
      await server.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  return error as SpecError;
}

describe('specs the generator refuses', () => {
  it('a pagination style the model does not know: refused at its line, as volc-gen refuses it', async () => {
    const file = withPagination('style: token', 'style: cursor', 'bad-style.yaml');
    const error = await refusal(file);
    const line = fixture.split('\n').findIndex((l) => l.includes('style: token')) + 1;
    expect(error.diagnostics).toEqual([
      expect.objectContaining({ file: expect.stringContaining('bad-style.yaml'), line, rule: 'invalid-pagination' }),
    ]);
    // The generator's verdict on the same file is the same diagnostic.
    expect(() => loadModels([file])).toThrow(SpecError);
    try {
      loadModels([file]);
    } catch (e) {
      expect((e as SpecError).diagnostics.map((d) => [d.line, d.rule])).toEqual(
        error.diagnostics.map((d) => [d.line, d.rule]),
      );
    }
  });

  it('pagination that names a member the output lacks: the lint rule, at the member', async () => {
    const file = withPagination('items: Instances', 'items: Instancez', 'bad-items.yaml');
    const error = await refusal(file);
    const line = fixture.split('\n').findIndex((l) => l.includes('items: Instances')) + 1;
    expect(error.diagnostics).toEqual([
      expect.objectContaining({ line, rule: 'pagination-field', message: expect.stringContaining('Instancez') }),
    ]);
  });
});

describe('specs both accept', () => {
  it("each action has the model's method, protocol, pagination and signing (JSON, GET and form services)", () => {
    const spec = fileURLToPath(new URL('../../../spec/', import.meta.url));
    const files = ['ecs.yaml', 'iam.yaml', 'redis.yaml', 'sts.yaml', 'vpc.yaml'].map((name) => join(spec, name));
    const models = loadModels(files);
    const catalog = loadCatalog(files);
    expect(new Set(models.flatMap((m) => m.actions.map((a) => a.protocol)))).toEqual(
      new Set(['json', 'query', 'form']),
    );
    let compared = 0;
    for (const model of models) {
      for (const action of model.actions) {
        const def = catalog.find(model.service, action.name, action.version);
        expect(def, `${model.service} ${action.name}`).toBeDefined();
        expect([def!.method, def!.protocol, def!.pagination, def!.unsigned, def!.global]).toEqual([
          action.httpMethod,
          action.protocol,
          action.pagination,
          action.unsigned === true,
          model.global,
        ]);
        compared++;
      }
    }
    expect(compared).toBe(catalog.size);
  });
});
