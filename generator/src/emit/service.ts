import { methodName, type ServiceModel } from '@volc-ts/spec';
import { literal } from './shared/literal.js';
import { renderTs, writeDoc } from './shared/writer.js';

/** `src/service.ts`: the service's identity and a client without action methods, for small bundles. */
export function emitService(model: ServiceModel, packageVersion: string, header: string): string {
  const serviceConst = `${methodName(model.className)}Service`;
  return renderTs(header, (writer) => {
    writer.writeLine(`import { VolcClient, type ClientConfig, type ServiceInfo } from '@volc-ts/core';`);
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
  });
}
