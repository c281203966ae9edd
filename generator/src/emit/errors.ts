import type { ServiceModel } from '@volc-ts/spec';
import { literal } from './shared/literal.js';
import { renderTs, writeDoc } from './shared/writer.js';

/** `src/errors.ts`: the error codes this service may answer with, as a union, and a type guard. */
export function emitErrors(model: ServiceModel, header: string): string {
  const codes = new Map<string, string | undefined>();
  for (const error of model.errors) codes.set(error.code, error.description);
  for (const action of model.actions)
    for (const error of action.errors) if (!codes.has(error.code)) codes.set(error.code, error.description);
  const sorted = [...codes.keys()].sort();
  return renderTs(header, (writer) => {
    writer.writeLine(
      `import { isVolcServiceError, type CommonErrorCode, type VolcServiceError } from '@volc-ts/core/errors';`,
    );
    writer.blankLine();
    writeDoc(writer, [
      `Error codes ${model.title} may answer with: the codes every Volcengine service uses${sorted.length ? ', those its spec declares' : ''},`,
      'and any other string, since a service may answer with a code this SDK does not list yet.',
    ]);
    writer.writeLine(`export type ${model.className}ErrorCode =`);
    writer.indent(() => {
      writer.writeLine('| CommonErrorCode');
      for (const code of sorted) writer.writeLine(`| ${literal(code)}`);
      writer.writeLine('| (string & {});');
    });
    writer.blankLine();
    const example = sorted[0] ?? 'FlowLimitExceeded';
    writeDoc(writer, [
      `Narrows an unknown error to a \`VolcServiceError\` that ${model.title} answered with (signing name`,
      `\`${model.service}\`), its \`code\` typed as a \`${model.className}ErrorCode\`. An error of another service, or one`,
      'raised before an answer arrived (validation, network, timeout), does not match.',
      '',
      '@example',
      '```ts',
      `if (is${model.className}Error(error) && error.code === ${literal(example)}) { ... }`,
      '```',
    ]);
    writer
      .write(
        `export function is${model.className}Error(error: unknown): error is VolcServiceError<${model.className}ErrorCode>`,
      )
      .block(() =>
        writer.writeLine(`return isVolcServiceError(error) && error.service === ${literal(model.service)};`),
      );
  });
}
