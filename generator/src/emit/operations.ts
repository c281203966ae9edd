import { kebabName, methodName } from '../model/names.js';
import type { ActionModel, PaginationModel, ServiceModel } from '../model/types.js';
import { paragraphs } from './docs.js';
import { jsLiteral } from './literal.js';
import { tsType } from './types.js';
import { ValidatorEmitter } from './validators.js';
import { literal, renderTs, writeDoc } from './writer.js';

/** Type names an action's signature uses. */
export function signatureTypes(model: ServiceModel, action: ActionModel) {
  const input = action.input ?? 'Record<string, never>';
  const output = action.output ?? 'Record<string, unknown>';
  const inputShape = action.input ? model.shapes.get(action.input) : undefined;
  // The input may be left out only when no member is unconditionally required.
  const inputParam = inputShape && inputShape.required.length > 0 ? `input: ${input}` : `input: ${input} = {}`;
  return { input, output, inputParam };
}

export function operationConstName(action: ActionModel): string {
  return `${methodName(action.name)}Operation`;
}

/** TSDoc lines shared by the client method and the standalone function of an action. */
/** `call` is how the example starts the call: `client.describeX(` or `describeX(client, `. */
export function actionDocLines(model: ServiceModel, action: ActionModel, call: string): string[] {
  const errorsType = `${model.className}ErrorCode`;
  return [
    ...paragraphs(action.summary ?? `Calls ${action.name}.`),
    ...(action.description ? ['', ...paragraphs(action.description)] : []),
    '',
    `Action \`${action.name}\`, version \`${action.version}\`, ${action.httpMethod} ${protocolName(action.protocol)}.`,
    ...(action.idempotencyToken ? [`\`${action.idempotencyToken}\` is filled in when left empty and kept across retries, so a retried call is applied once.`] : []),
    ...(action.idempotent
      ? []
      : ['Not safe to repeat: after an ambiguous failure (timeout, reset, 5xx) it is not retried and the error has `outcomeUnknown: true`.']),
    '',
    `@returns The \`Result\` of the response, with the response metadata (RequestId) on \`$metadata\`.`,
    '@throws {@link VolcValidationError} when the input breaks a rule of the spec; nothing is sent.',
    `@throws {@link VolcServiceError} when Volcengine answers with an error; \`code\` is a {@link ${errorsType}}.`,
    ...(action.requestExample !== undefined
      ? ['@example', '```ts', ...`const result = await ${call}${jsLiteral(action.requestExample)});`.split('\n'), '```']
      : []),
    ...(action.deprecated ? ['@deprecated'] : []),
  ];
}

function protocolName(protocol: ActionModel['protocol']): string {
  return protocol === 'json' ? 'with a JSON body' : protocol === 'form' ? 'with a form-encoded body' : 'with the input in the query string';
}

/** `src/operations/<kebab>.ts`: everything about one action, importable alone. */
export function emitOperation(model: ServiceModel, action: ActionModel, header: string): { path: string; text: string } {
  const validators = new ValidatorEmitter(model);
  const { input, output, inputParam } = signatureTypes(model, action);
  const method = methodName(action.name);
  const constName = operationConstName(action);
  // Named after the action, not the input shape: two actions may share one input schema (`$ref`), and the
  // package index re-exports every operation module, so each validator needs a name of its own.
  const validatorName = action.input ? `validate${action.name}Request` : undefined;
  const shapes = action.input ? validators.reachable(action.input) : [];
  const pagination = action.pagination;
  const itemsType = pagination ? paginationItemType(model, action) : undefined;

  // The body is written first so the emitter knows which helpers and constants it used.
  const body = renderTs('', (writer) => {
    if (validatorName) {
      writer.blankLine();
      writer.writeLine('/**');
      writer.writeLine(` * Checks a ${action.name} input against every rule of the spec, without sending anything.`);
      writer.writeLine(' * @returns the broken rules, each with the field path; empty when the input is valid');
      writer.writeLine(' */');
      writer.write(`export function ${validatorName}(input: unknown): ValidationIssue[]`).block(() => {
        writer.writeLine('const issues: ValidationIssue[] = [];');
        writer.writeLine(`check${action.input}(issues, '', input);`);
        writer.writeLine('return issues;');
      });
    }
    writer.blankLine();
    writer.writeLine(`/** How ${action.name} goes over the wire. */`);
    writer.writeLine(`export const ${constName}: Operation<${input}, ${output}> = {`);
    writer.indent(() => {
      writer.writeLine(`action: ${literal(action.name)},`);
      writer.writeLine(`version: ${literal(action.version)},`);
      writer.writeLine(`method: ${literal(action.httpMethod)},`);
      writer.writeLine(`protocol: ${literal(action.protocol)},`);
      if (validatorName) writer.writeLine(`validate: ${validatorName},`);
      if (action.idempotencyToken) writer.writeLine(`idempotencyToken: ${literal(action.idempotencyToken)},`);
      if (action.unsigned) writer.writeLine('unsigned: true,');
      if (action.idempotent) writer.writeLine('idempotent: true,');
    });
    writer.writeLine('};');
    writer.blankLine();
    writeDoc(writer, actionDocLines(model, action, `${method}(client, `));
    writer
      .write(`export function ${method}(client: ${model.className}BaseClient, ${inputParam}, options?: CallOptions): Promise<WithMetadata<${output}>>`)
      .block(() => writer.writeLine(`return client.send(${constName}, input, options);`));
    if (pagination && itemsType) {
      writer.blankLine();
      writer.writeLine('/**');
      writer.writeLine(` * Lists every item of ${action.name}'s \`${pagination.items}\`, fetching page after page as you iterate;`);
      writer.writeLine(' * `.pages()` yields whole pages instead.');
      writer.writeLine(' *');
      writer.writeLine(' * @example');
      writer.writeLine(' * ```ts');
      // `{}` only where it is a valid input; otherwise the example names the caller's input.
      const exampleInput = inputParam.endsWith('= {}') ? '{}' : 'input';
      writer.writeLine(` * for await (const item of paginate${action.name}(client, ${exampleInput})) console.log(item);`);
      writer.writeLine(' * ```');
      writer.writeLine(' */');
      const helper = PAGINATE_HELPERS[pagination.style];
      const fields = paginationFields(pagination);
      writer
        .write(`export function paginate${action.name}(client: ${model.className}BaseClient, ${inputParam}, options?: CallOptions): Paginator<${itemsType}, WithMetadata<${output}>>`)
        .block(() => writer.writeLine(`return ${helper}(client, ${constName}, input, ${fields}, options);`));
    }
    validators.writeChecks(writer, shapes);
  });

  const coreValues = [...validators.helpers];
  if (pagination) coreValues.push(PAGINATE_HELPERS[pagination.style]);
  const coreTypes = ['CallOptions', 'Operation', 'WithMetadata', ...(validatorName ? ['ValidationIssue'] : []), ...(pagination ? ['Paginator'] : [])];
  const typeImports = new Set<string>();
  // The item type may be a primitive (`string`) rather than a shape; only shapes are imported.
  for (const name of [action.input, action.output, itemsType]) if (name && model.shapes.has(name)) typeImports.add(name);

  const text = renderTs(header, (writer) => {
    const imports = [...new Set(coreValues)].sort().concat(coreTypes.sort().map((t) => `type ${t}`));
    writer.writeLine(`import { ${imports.join(', ')} } from '@volc-ts/core';`);
    writer.writeLine(`import type { ${model.className}BaseClient } from '../service.js';`);
    if (typeImports.size > 0) writer.writeLine(`import type { ${[...typeImports].sort().join(', ')} } from '../types.js';`);
    const constants = renderTs('', (w) => validators.writeConstants(w)).trim();
    if (constants) {
      writer.blankLine();
      writer.write(constants).newLine();
    }
    writer.write(body.replace(/^\n/, ''));
  });
  return { path: `src/operations/${kebabName(action.name)}.ts`, text };
}

/** The @volc-ts/core paginator of each style. */
const PAGINATE_HELPERS: Record<PaginationModel['style'], string> = {
  'page-number': 'paginatePageNumber',
  token: 'paginateToken',
  offset: 'paginateOffset',
};

/**
 * The members each core paginator reads, in the order they are written. A token paginator leaves the page
 * size to the caller, so `pageSize` is not passed for that style.
 */
const PAGINATION_FIELDS: Record<PaginationModel['style'], readonly string[]> = {
  'page-number': ['pageNumber', 'pageSize', 'total', 'items'],
  token: ['inputToken', 'outputToken', 'items'],
  offset: ['offset', 'limit', 'total', 'items'],
};

/** The paginator's fields as an object literal; optional ones only when the spec names them. */
function paginationFields(pagination: PaginationModel): string {
  const named = pagination as unknown as Record<string, string | undefined>;
  const present = PAGINATION_FIELDS[pagination.style].filter((key) => named[key] !== undefined);
  return `{ ${present.map((key) => `${key}: ${literal(named[key]!)}`).join(', ')} }`;
}

function paginationItemType(model: ServiceModel, action: ActionModel): string | undefined {
  const items = action.pagination?.items;
  const shape = action.output ? model.shapes.get(action.output) : undefined;
  const type = shape?.properties.find((p) => p.name === items)?.type;
  return type?.kind === 'array' ? tsType(type.items, true) : undefined;
}
