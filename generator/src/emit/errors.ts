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
      `Error codes ${model.title} may answer with: the codes every Volcengine service uses${sorted.length ? ', and those its spec declares' : ''}.`,
    ]);
    if (sorted.length === 0) writer.writeLine(`export type ${model.className}ErrorCode = CommonErrorCode;`);
    else {
      writer.writeLine(`export type ${model.className}ErrorCode =`);
      writer.indent(() => {
        writer.writeLine('| CommonErrorCode');
        sorted.forEach((code, index) => {
          writer.writeLine(`| ${literal(code)}${index === sorted.length - 1 ? ';' : ''}`);
        });
      });
    }
    writer.blankLine();
    writeDoc(writer, [
      `Narrows an unknown error to a {@link VolcServiceError} whose \`code\` is typed as a {@link ${model.className}ErrorCode}.`,
      '',
      '@example',
      '```ts',
      `if (is${model.className}Error(error) && error.code === 'FlowLimitExceeded') { ... }`,
      '```',
    ]);
    writer
      .write(
        `export function is${model.className}Error(error: unknown): error is VolcServiceError<${model.className}ErrorCode>`,
      )
      .block(() => writer.writeLine('return isVolcServiceError(error);'));
  });
}
