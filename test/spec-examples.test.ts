import { describe, expect, it } from 'vitest';
import { loadModels, specFiles } from '../generator/src/index.js';

// Each spec's request examples must pass the validator generated from the same spec; the response
// examples are type-checked against the generated types (packages/*/examples, part of `pnpm typecheck`).
const examples = loadModels(specFiles('spec')).flatMap((model) =>
  model.actions
    .filter((a) => a.requestExample !== undefined && a.input)
    .map((action) => [`${model.packageName} ${action.name}`, model.packageName, action] as const),
);

describe('request examples of the specs', () => {
  it('exist for the seed action at least', () => {
    expect(examples.map(([name]) => name)).toContain('redis DescribeCrossRegionBackups');
  });

  it.each(examples)('%s passes its validator', async (_, packageName, action) => {
    const pkg = (await import(`../packages/${packageName}/src/index.ts`)) as Record<
      string,
      (input: unknown) => { warning?: true }[]
    >;
    const validate = pkg[`validate${action.input}`];
    expect(validate).toBeTypeOf('function');
    // A value outside a suggested (unconfirmed) list is a warning, not a broken rule.
    expect(validate!(action.requestExample).filter((issue) => !issue.warning)).toEqual([]);
  });
});
