import { kebabName, methodName, type ActionModel, type PaginationModel, type ServiceModel } from '@volc-ts/spec';
import { functionTypeNames, operationConstName, signatureTypes, standaloneDocLines } from './shared/action.js';
import { canonicalName } from './shared/dedup.js';
import { validatorNames } from './shared/validator-names.js';
import { literal } from './shared/literal.js';
import { tsType } from './shared/ts-type.js';
import { renderTs, wrapList, writeDoc, writeImport, writeSignature } from './shared/writer.js';
import { ValidatorEmitter } from './validators.js';

/** `src/operations/<kebab>.ts`: everything about one action, importable alone. */
export function emitOperation(
  model: ServiceModel,
  action: ActionModel,
  header: string,
): { path: string; text: string } {
  const validators = new ValidatorEmitter(model);
  const { input, output, inputParam, optional } = signatureTypes(model, action);
  const method = methodName(action.name);
  const constName = operationConstName(action);
  const fnType = optional ? functionTypeNames(model).optionalInput : functionTypeNames(model).input;
  // Actions whose inputs have one shape share one validator, written in the first such action's file and
  // named after the shape when the inputs of several actions share it (validator-names.ts).
  const inputShape = action.input ? canonicalName(model, action.input) : undefined;
  const validatorName = inputShape ? validatorNames(model).get(inputShape) : undefined;
  const owner = inputShape
    ? model.actions.find((a) => a.input && canonicalName(model, a.input) === inputShape)
    : undefined;
  const ownsValidator = owner === action;
  const shapes = inputShape && ownsValidator ? validators.reachable(inputShape) : [];
  // Each input keeps a validator under its own name too, once (several actions may share one input).
  const aliasName =
    action.input &&
    `validate${action.input}` !== validatorName &&
    model.actions.find((a) => a.input === action.input) === action
      ? `validate${action.input}`
      : undefined;
  const pagination = action.pagination;
  const itemsType = pagination ? paginationItemType(model, action) : undefined;

  // The body is written first so the emitter knows which helpers and constants it used.
  const body = renderTs('', (writer) => {
    if (validatorName && ownsValidator) {
      writer.blankLine();
      writer.writeLine('/**');
      const sharers = [
        ...new Set(
          model.actions.filter((a) => a.input && canonicalName(model, a.input) === inputShape).map((a) => a.input!),
        ),
      ];
      if (sharers.length === 1) {
        writer.writeLine(` * Checks an input against every rule of \`${inputShape}\` in the spec; sends nothing.`);
      } else {
        writer.writeLine(' * Checks an input against every rule of its shape in the spec, without sending anything.');
        const listed = sharers.slice(0, 3).map((name) => `\`${name}\``);
        const more = sharers.length > 3 ? ` and ${sharers.length - 3} more` : '';
        writer.writeLine(` * The inputs of several actions have this shape: ${listed.join(', ')}${more}.`);
      }
      writer.writeLine(' * @returns the broken rules with their field paths; empty when valid');
      writer.writeLine(' */');
      // A const of core's `Validator` type rather than a signature of its own, as the standalone function.
      writer.write(`export const ${validatorName}: Validator = (input) =>`).block(() => {
        writer.writeLine('const issues: ValidationIssue[] = [];');
        writer.writeLine(`check${inputShape}(issues, '', input);`);
        writer.writeLine('return issues;');
      });
      writer.write(';');
    }
    if (aliasName) {
      writer.blankLine();
      writer.writeLine(
        `/** Checks a \`${action.input}\`: its shape is shared, and so is the validator, \`${validatorName}\`. */`,
      );
      writer.writeLine(`export const ${aliasName} = ${validatorName};`);
    }
    writer.blankLine();
    writer.writeLine(`/** How ${action.name} goes over the wire. */`);
    writer.writeLine(wrapList(`export const ${constName}: Operation<`, [input, output], ', ', '> = {', 0, false));
    writer.indent(() => {
      writer.writeLine(`action: ${literal(action.name)},`);
      writer.writeLine(`version: ${literal(action.version)},`);
      writer.writeLine(`method: ${literal(action.httpMethod)},`);
      writer.writeLine(`protocol: ${literal(action.protocol)},`);
      writer.writeLine(`serialize: ${SERIALIZERS[action.protocol]},`);
      if (validatorName) writer.writeLine(`validate: ${validatorName},`);
      if (action.idempotencyToken) writer.writeLine(`idempotencyToken: ${literal(action.idempotencyToken)},`);
      if (action.unsigned) writer.writeLine('unsigned: true,');
      if (action.idempotent) writer.writeLine('idempotent: true,');
    });
    writer.writeLine('};');
    writer.blankLine();
    writeDoc(writer, standaloneDocLines(model, action));
    // Typed through the service's function type (service.ts says why), not a signature of its own.
    writer.writeLine(wrapList(`export const ${method}: ${fnType}<`, [input, output], ', ', '> =', 0, false));
    writer.indent(() =>
      writer.writeLine(
        `(client, input${optional ? ' = {}' : ''}, options) => client.send(${constName}, input, options);`,
      ),
    );
    if (pagination && itemsType) {
      writer.blankLine();
      writer.writeLine('/**');
      writer.writeLine(
        ` * Lists every item of ${action.name}'s \`${pagination.items}\`, fetching page after page as you iterate;`,
      );
      writer.writeLine(' * `.pages()` yields whole pages instead.');
      writer.writeLine(' *');
      writer.writeLine(' * @example');
      writer.writeLine(' * ```ts');
      // `{}` only where it is a valid input; otherwise the example names the caller's input.
      const exampleInput = inputParam.endsWith('= {}') ? '{}' : 'input';
      writer.writeLine(
        ` * for await (const item of paginate${action.name}(client, ${exampleInput})) console.log(item);`,
      );
      writer.writeLine(' * ```');
      writer.writeLine(' */');
      const helper = PAGINATE_HELPERS[pagination.style];
      const driven = drivenRequired(model, action);
      const fields = paginationFields(pagination, driven);
      writeSignature(
        writer,
        `export function paginate${action.name}`,
        [
          `client: ${model.className}BaseClient`,
          paginatorInputParam(model, action, inputParam, driven),
          'options?: CallOptions',
        ],
        `Paginator<${itemsType}, WithMetadata<${output}>>`,
      ).block(() =>
        writer.writeLine(
          wrapList(
            `return ${helper}(`,
            ['client', constName, 'input', fields, 'options'],
            ', ',
            ');',
            writer.getIndentationLevel(),
          ),
        ),
      );
    }
    validators.writeChecks(writer, shapes);
  });

  const coreValues = [SERIALIZERS[action.protocol], ...validators.helpers];
  if (pagination) coreValues.push(PAGINATE_HELPERS[pagination.style]);
  const coreTypes = [
    ...(pagination ? ['CallOptions', 'WithMetadata'] : []),
    'Operation',
    ...(ownsValidator ? ['ValidationIssue', 'Validator'] : []),
    ...(pagination ? ['Paginator'] : []),
    ...(pagination && drivenRequired(model, action) ? ['PageInput'] : []),
  ];
  const typeImports = new Set<string>();
  // The item type may be a primitive (`string`) rather than a shape; only shapes are imported.
  for (const name of [action.input, action.output, itemsType])
    if (name && model.shapes.has(name)) typeImports.add(name);

  const head = renderTs(header, (writer) => {
    const values = [...new Set(coreValues)].sort();
    writeImport(writer, values.concat(coreTypes.sort().map((t) => `type ${t}`)), CORE_INTERNAL);
    if (validatorName && owner && !ownsValidator) writeImport(writer, [validatorName], `./${kebabName(owner.name)}.js`);
    const serviceTypes = pagination ? [`${model.className}BaseClient`, fnType] : [fnType];
    writeImport(writer, serviceTypes.sort(), '../service.js', true);
    if (typeImports.size > 0) writeImport(writer, [...typeImports].sort(), '../types.js', true);
  });
  const constants = renderTs('', (w) => validators.writeConstants(w)).trim();
  // The constants and the body are already laid out: appended as text rather than written (and scanned) again.
  const text = `${head}${constants ? `\n${constants}\n` : ''}${validators.resolveConstants(body).replace(/^\n/, '')}`;
  return { path: `src/operations/${kebabName(action.name)}.ts`, text };
}

/** Core's entry for generated code: validation helpers, paginators and the types an operation file names. */
const CORE_INTERNAL = '@volc-ts/core/internal';

/**
 * The @volc-ts/core serializer of each protocol. The descriptor names it (rather than the client choosing by
 * `protocol`), so a bundle carries only the serializers of the actions it imports.
 */
const SERIALIZERS: Record<ActionModel['protocol'], string> = {
  json: 'serializeJson',
  query: 'serializeQuery',
  form: 'serializeForm',
};

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
function paginationFields(pagination: PaginationModel, driven: string | undefined): string {
  const named = pagination as unknown as Record<string, string | undefined>;
  const present = PAGINATION_FIELDS[pagination.style].filter((key) => named[key] !== undefined);
  const entries = present.map((key) => `${key}: ${literal(named[key]!)}`);
  if (driven && pagination.style === 'page-number') entries.push('pageNumberRequired: true');
  if (driven && pagination.style === 'offset') entries.push('offsetRequired: true');
  return `{ ${entries.join(', ')} }`;
}

/**
 * The member a page-number or offset paginator drives (it sends the page number or offset itself), when
 * the spec requires it; the paginator's input then leaves it optional.
 */
function drivenRequired(model: ServiceModel, action: ActionModel): string | undefined {
  const pagination = action.pagination;
  const member =
    pagination?.style === 'page-number'
      ? pagination.pageNumber
      : pagination?.style === 'offset'
        ? pagination.offset
        : undefined;
  const shape = action.input ? model.shapes.get(action.input) : undefined;
  return member && shape?.required.includes(member) ? member : undefined;
}

/**
 * The paginator's input parameter: the method's, with the driven member optional when the spec requires
 * it; left out altogether (`= {}`) when that member was the only thing `{}` lacked.
 */
function paginatorInputParam(
  model: ServiceModel,
  action: ActionModel,
  inputParam: string,
  driven: string | undefined,
): string {
  if (!driven || !action.input) return inputParam;
  const type = `PageInput<${action.input}, ${literal(driven)}>`;
  const shape = model.shapes.get(action.input)!;
  const onlyDriven =
    shape.required.every((name) => name === driven) &&
    shape.conditionals.length === 0 &&
    shape.dependentRequired.length === 0;
  return onlyDriven ? `input: ${type} = {}` : `input: ${type}`;
}

function paginationItemType(model: ServiceModel, action: ActionModel): string | undefined {
  const items = action.pagination?.items;
  const shape = action.output ? model.shapes.get(action.output) : undefined;
  const type = shape?.properties.find((p) => p.name === items)?.type;
  return type?.kind === 'array' ? tsType(type.items, true) : undefined;
}
