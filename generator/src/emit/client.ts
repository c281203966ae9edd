import { kebabName, methodName, type ServiceModel } from '@volc-ts/spec';
import { actionDocLines, operationConstName, signatureTypes } from './shared/action.js';
import { paragraphs } from './shared/docs.js';
import { renderTs, writeDoc, writeImport, writeSignature } from './shared/writer.js';

/** `src/client.ts`: the client class, one thin method per action. */
export function emitClient(model: ServiceModel, header: string): string {
  const typeNames = new Set<string>();
  for (const action of model.actions) for (const name of [action.input, action.output]) if (name) typeNames.add(name);
  return renderTs(header, (writer) => {
    // From the entry the operations import them from too: the rolled-up declarations then import each once.
    writer.writeLine(`import type { CallOptions, WithMetadata } from '@volc-ts/core/internal';`);
    for (const action of model.actions) {
      writer.writeLine(`import { ${operationConstName(action)} } from './operations/${kebabName(action.name)}.js';`);
    }
    writer.writeLine(`import { ${model.className}BaseClient } from './service.js';`);
    if (typeNames.size > 0) writeImport(writer, [...typeNames].sort(), './types.js', true);
    writer.blankLine();
    writeDoc(writer, [
      `Client for ${model.title} (API version ${model.version}), with one method per action.`,
      ...(model.description ? ['', ...paragraphs(model.description)] : []),
      '',
      'Inputs are checked against the spec before anything is sent; results keep the wire field names.',
      '',
      '@example',
      '```ts',
      `const client = new ${model.className}Client({ region: 'cn-beijing' });`,
      '```',
    ]);
    writer.write(`export class ${model.className}Client extends ${model.className}BaseClient`).block(() => {
      model.actions.forEach((action, index) => {
        if (index > 0) writer.blankLine();
        const { output, inputParam } = signatureTypes(model, action);
        const method = methodName(action.name);
        writeDoc(writer, actionDocLines(model, action, `client.${method}(`));
        writeSignature(writer, method, [inputParam, 'options?: CallOptions'], `Promise<WithMetadata<${output}>>`).block(
          () => writer.writeLine(`return this.send(${operationConstName(action)}, input, options);`),
        );
      });
    });
  });
}
