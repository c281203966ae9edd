import { describe, expect, it } from 'vitest';
import { loadModels, specFiles } from '../generator/src/index.js';

// Each spec's request examples must pass the validator generated from the same spec; the response
// examples are type-checked against the generated types (packages/*/examples, part of `pnpm typecheck`).
const models = loadModels(specFiles('spec'));

describe.each(models.map((m) => [m.packageName, m] as const))('request examples of %s', (packageName, model) => {
  const withExamples = model.actions.filter((a) => a.requestExample !== undefined && a.input);
  it.runIf(withExamples.length > 0).each(withExamples.map((a) => [a.name, a] as const))('%s passes its validator', async (_, action) => {
    const pkg = (await import(`../packages/${packageName}/src/index.ts`)) as Record<string, (input: unknown) => unknown[]>;
    const validate = pkg[`validate${action.input}`];
    expect(validate).toBeTypeOf('function');
    expect(validate!(action.requestExample)).toEqual([]);
  });
});
