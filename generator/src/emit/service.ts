import { methodName, type ServiceModel } from '@volc-ts/spec';
import { functionTypeNames } from './shared/action.js';
import { literal } from './shared/literal.js';
import type CodeBlockWriter from 'code-block-writer';
import { renderTs, writeDoc } from './shared/writer.js';

/**
 * `src/service.ts`: the service's identity, a client without action methods for small bundles, and the
 * types its standalone action functions are declared with.
 */
export function emitService(model: ServiceModel, packageVersion: string, header: string): string {
  const serviceConst = `${methodName(model.className)}Service`;
  return renderTs(header, (writer) => {
    // VolcClient from internal, not the root entry: a bundler that splits by file (esbuild) would otherwise
    // reach every module the root re-exports (error classes, credential sources) and put them in a page's
    // first chunk. The types from the entry the operations import them from: the rolled-up declarations
    // then import each once.
    writer.writeLine(`import type { ClientConfig, ServiceInfo } from '@volc-ts/core';`);
    writer.writeLine(`import { VolcClient, type CallOptions, type WithMetadata } from '@volc-ts/core/internal';`);
    writer.blankLine();
    writer.writeLine(
      `/** How the runtime reaches ${model.title}: signing name \`${model.service}\`, ${model.global ? 'one global endpoint' : 'regional endpoints'}. */`,
    );
    writer.writeLine(`export const ${serviceConst}: ServiceInfo = {`);
    writer.indent(() => {
      writer.writeLine(`service: ${literal(model.service)},`);
      writer.writeLine(`global: ${model.global},`);
      if (model.host) writer.writeLine(`host: ${literal(model.host)},`);
      writer.writeLine(`packageVersion: ${literal(packageVersion)},`);
      const retryable = [
        ...new Set(
          [...model.errors, ...model.actions.flatMap((a) => a.errors)].filter((e) => e.retryable).map((e) => e.code),
        ),
      ].sort();
      if (retryable.length > 0)
        writer.writeLine(`retryableCodes: [${retryable.map((value) => literal(value)).join(', ')}],`);
    });
    writer.writeLine('};');
    writer.blankLine();
    writeDoc(writer, [
      `A ${model.title} client without action methods. Pair it with the standalone action functions`,
      `(\`import { describeX } from '@volc-ts/${model.packageName}'\`) so that a bundle carries only the actions it calls;`,
      `\`${model.className}Client\` has every action as a method.`,
    ]);
    writer.write(`export class ${model.className}BaseClient extends VolcClient`).block(() => {
      writer
        .write('constructor(config: ClientConfig = {})')
        .block(() => writer.writeLine(`super(${serviceConst}, config);`));
    });
    const { input, optionalInput } = functionTypeNames(model);
    writer.blankLine();
    writeFunctionType(writer, model, input, false);
    writer.blankLine();
    writeFunctionType(writer, model, optionalInput, true);
  });
}

/**
 * The type of the standalone functions whose input is required (`optional` false) or may be left out.
 * Each function is a const of this type rather than a signature of its own: a consumer's type-checker
 * parses and binds every action of every package it imports, and this form has a third of the nodes
 * (issue 24). Hover and signature help still show the parameters.
 */
function writeFunctionType(writer: CodeBlockWriter, model: ServiceModel, name: string, optional: boolean): void {
  const input = optional ? 'input?' : 'input';
  writeDoc(writer, [
    `A standalone ${model.title} action, \`x(client, ${input}, options)\`: what the method \`x(${input}, options)\``,
    `of \`${model.className}Client\` does. ${optional ? 'Its input may be left out (`{}` is a valid one).' : 'Its input is required.'}`,
  ]);
  writer.writeLine(`export type ${name}<Input, Output> = (`);
  writer.indent(() => {
    writer.writeLine(`client: ${model.className}BaseClient,`);
    writer.writeLine(`${input}: Input,`);
    writer.writeLine('options?: CallOptions,');
  });
  writer.writeLine(') => Promise<WithMetadata<Output>>;');
}
