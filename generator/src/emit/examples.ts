import { methodName, type ServiceModel } from '@volc-ts/spec';
import { literal } from './shared/literal.js';
import { renderTs } from './shared/writer.js';

/**
 * `examples/spec-examples.ts`: the spec's request and response examples as typed values. Type-checking
 * the repository proves every example fits the generated types. Not published.
 */
export function emitExamples(model: ServiceModel, header: string): string | undefined {
  const withExamples = model.actions.filter((a) => a.requestExample !== undefined || a.responseExample !== undefined);
  if (withExamples.length === 0) return undefined;
  const types = new Set<string>();
  for (const action of withExamples) {
    if (action.requestExample !== undefined && action.input) types.add(action.input);
    if (action.responseExample !== undefined && action.output) types.add(action.output);
  }
  return renderTs(header, (writer) => {
    if (withExamples.some((a) => a.responseExample !== undefined))
      writer.writeLine(`import type { ResponseMetadata } from '@volc-ts/core';`);
    if (types.size > 0) writer.writeLine(`import type { ${[...types].sort().join(', ')} } from '../src/types.js';`);
    for (const action of withExamples) {
      const name = methodName(action.name);
      if (action.requestExample !== undefined) {
        writer.blankLine();
        writer.writeLine(
          `export const ${name}Request = ${literal(action.requestExample)} satisfies ${action.input ?? 'Record<string, never>'};`,
        );
      }
      if (action.responseExample !== undefined) {
        writer.blankLine();
        const envelope = action.responseExample as { ResponseMetadata?: unknown; Result?: unknown };
        writer.writeLine(`export const ${name}Response = {`);
        writer.indent(() => {
          writer.writeLine(`ResponseMetadata: ${literal(envelope.ResponseMetadata ?? {})} satisfies ResponseMetadata,`);
          writer.writeLine(
            `Result: ${literal(envelope.Result ?? {})} satisfies ${action.output ?? 'Record<string, unknown>'},`,
          );
        });
        writer.writeLine('};');
      }
    }
  });
}
