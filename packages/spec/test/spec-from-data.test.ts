import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildServiceModel, parseSpec, SpecError, specFromData } from '@volc-ts/spec';

const text = readFileSync('generator/test/fixtures/mini.yaml', 'utf8');

function problems(build: () => unknown): SpecError {
  try {
    build();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('specFromData: a spec parsed elsewhere', () => {
  it('builds the same model as the positioned parser', () => {
    const fromData = buildServiceModel(specFromData(parse(text), 'mini.yaml', text));
    const positioned = buildServiceModel(parseSpec(text, 'mini.yaml'));
    expect(fromData).toEqual(positioned);
  });

  it('reports a problem at its line when given the text, and at 1:1 without it', () => {
    const broken = text.replace(/operationId: (\w+)/, 'operationId: Wrong$1');
    const line = broken.split('\n').findIndex((l) => l.includes('operationId: Wrong')) + 1;
    const withText = problems(() => buildServiceModel(specFromData(parse(broken), 'mini.yaml', broken)));
    expect(withText.diagnostics).toEqual([
      expect.objectContaining({ file: 'mini.yaml', line, rule: 'operation-id-mismatch' }),
    ]);
    expect(withText.diagnostics).toEqual(problems(() => buildServiceModel(parseSpec(broken, 'mini.yaml'))).diagnostics);
    const withoutText = problems(() => buildServiceModel(specFromData(parse(broken), 'mini.json')));
    expect(withoutText.diagnostics).toEqual([
      expect.objectContaining({ file: 'mini.json', line: 1, column: 1, rule: 'operation-id-mismatch' }),
    ]);
  });
});
