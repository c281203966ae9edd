import { describe, expect, it } from 'vitest';
import { emitReadme } from '../src/emit/readme.js';
import { loadModels } from '../src/index.js';
import type { ActionModel, ServiceModel } from '@volc-ts/spec';

const [mini] = loadModels(['generator/test/fixtures/mini.yaml']);

/** The mini fixture with its recorded example action, and CreateWidget's spec example dropped. */
function withExample(exampleAction: string | undefined): ServiceModel {
  const actions = mini!.actions.map(
    (a): ActionModel => (a.name === 'CreateWidget' ? { ...a, requestExample: undefined } : a),
  );
  return { ...mini!, actions, ...(exampleAction ? { exampleAction } : {}) };
}

const firstCall = (readme: string) => /const result = await client\.[\s\S]*?\);/.exec(readme)?.[0];

describe('package README example', () => {
  it('calls the action the spec records, with placeholders for required members when it has no example', () => {
    expect(firstCall(emitReadme(withExample('CreateWidget'), 'spec/mini.yaml'))).toBe(
      // Corners: a conditional rule may require it, so the placeholder input sets it too.
      ['const result = await client.createWidget({', "    Name: '<Name>',", '    Corners: 1,', '  });'].join('\n'),
    );
  });

  it('falls back to a read-only action, never a write, when none is recorded', () => {
    expect(firstCall(emitReadme(withExample(undefined), 'spec/mini.yaml'))).toBe(
      'const result = await client.listWidgetNames({});',
    );
  });
});
