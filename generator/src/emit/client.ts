import { kebabName, methodName } from '../model/names.js';
import type { ServiceModel } from '../model/types.js';
import { paragraphs } from './docs.js';
import { actionDocLines, operationConstName, signatureTypes } from './operations.js';
import { literal, renderTs, writeDoc, writeImport, writeSignature } from './writer.js';

/** `src/service.ts`: the service's identity and a client without action methods, for small bundles. */
export function emitService(model: ServiceModel, packageVersion: string, header: string): string {
  const serviceConst = `${methodName(model.className)}Service`;
  return renderTs(header, (writer) => {
    writer.writeLine(`import { VolcClient, type ClientConfig, type ServiceInfo } from '@volc-ts/core';`);
    writer.blankLine();
    writer.writeLine(`/** How the runtime reaches ${model.title}: signing name \`${model.service}\`, ${model.global ? 'one global endpoint' : 'regional endpoints'}. */`);
    writer.writeLine(`export const ${serviceConst}: ServiceInfo = {`);
    writer.indent(() => {
      writer.writeLine(`service: ${literal(model.service)},`);
      writer.writeLine(`global: ${model.global},`);
      if (model.host) writer.writeLine(`host: ${literal(model.host)},`);
      writer.writeLine(`packageVersion: ${literal(packageVersion)},`);
      const retryable = [...new Set([...model.errors, ...model.actions.flatMap((a) => a.errors)].filter((e) => e.retryable).map((e) => e.code))].sort();
      if (retryable.length > 0) writer.writeLine(`retryableCodes: [${retryable.map(literal).join(', ')}],`);
    });
    writer.writeLine('};');
    writer.blankLine();
    writeDoc(writer, [
      `A ${model.title} client without action methods. Pair it with the standalone action functions`,
      `(\`import { describeX } from '@volc-ts/${model.packageName}'\`) so that a bundle carries only the actions it calls;`,
      `{@link ${model.className}Client} has every action as a method.`,
    ]);
    writer.write(`export class ${model.className}BaseClient extends VolcClient`).block(() => {
      writer.write('constructor(config: ClientConfig = {})').block(() => writer.writeLine(`super(${serviceConst}, config);`));
    });
  });
}

/** `src/client.ts`: the client class, one thin method per action. */
export function emitClient(model: ServiceModel, header: string): string {
  const typeNames = new Set<string>();
  for (const action of model.actions) for (const name of [action.input, action.output]) if (name) typeNames.add(name);
  return renderTs(header, (writer) => {
    writer.writeLine(`import type { CallOptions, WithMetadata } from '@volc-ts/core';`);
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
        writeSignature(writer, method, [inputParam, 'options?: CallOptions'], `Promise<WithMetadata<${output}>>`)
          .block(() => writer.writeLine(`return this.send(${operationConstName(action)}, input, options);`));
      });
    });
  });
}

/** `src/errors.ts`: the error codes this service may answer with, as a union, and a type guard. */
export function emitErrors(model: ServiceModel, header: string): string {
  const codes = new Map<string, string | undefined>();
  for (const error of model.errors) codes.set(error.code, error.description);
  for (const action of model.actions) for (const error of action.errors) if (!codes.has(error.code)) codes.set(error.code, error.description);
  const sorted = [...codes.keys()].sort();
  return renderTs(header, (writer) => {
    writer.writeLine(`import { isVolcServiceError, type CommonErrorCode, type VolcServiceError } from '@volc-ts/core/errors';`);
    writer.blankLine();
    writeDoc(writer, [`Error codes ${model.title} may answer with: the codes every Volcengine service uses${sorted.length ? ', and those its spec declares' : ''}.`]);
    if (sorted.length === 0) writer.writeLine(`export type ${model.className}ErrorCode = CommonErrorCode;`);
    else {
      writer.writeLine(`export type ${model.className}ErrorCode =`);
      writer.indent(() => {
        writer.writeLine('| CommonErrorCode');
        sorted.forEach((code, index) => writer.writeLine(`| ${literal(code)}${index === sorted.length - 1 ? ';' : ''}`));
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
      .write(`export function is${model.className}Error(error: unknown): error is VolcServiceError<${model.className}ErrorCode>`)
      .block(() => writer.writeLine('return isVolcServiceError(error);'));
  });
}
