/** What the client method (client.ts) and the standalone function (operation.ts) of an action share: signature and TSDoc. */
import { methodName, type ActionModel, type CrosscheckNote, type ServiceModel } from '@volc-ts/spec';
import { summaryFromName } from '../../import/summary.js';
import { paragraphs } from './docs.js';
import { noteSentence, sourcesLine, wrap } from './facts.js';
import { literal } from './literal.js';
import { acceptsEmpty, ruleDocLines, splitRules } from './rules.js';

/** Type names an action's signature uses. */
export function signatureTypes(model: ServiceModel, action: ActionModel) {
  const input = action.input ?? 'Record<string, never>';
  const output = action.output ?? 'Record<string, unknown>';
  const inputShape = action.input ? model.shapes.get(action.input) : undefined;
  // The input may be left out only when `{}` keeps every rule, conditional ones included.
  const optional = !inputShape || acceptsEmpty(inputShape);
  const inputParam = optional ? `input: ${input} = {}` : `input: ${input}`;
  return { input, output, inputParam, optional };
}

/**
 * The service's two types of standalone action functions (service.ts), by whether the input may be left
 * out: `RedisFunction<Input, Output>` and `RedisFunctionOptionalInput<Input, Output>`.
 */
export function functionTypeNames(model: ServiceModel): { input: string; optionalInput: string } {
  return { input: `${model.className}Function`, optionalInput: `${model.className}FunctionOptionalInput` };
}

/** The name of an action's `Operation` descriptor: `describeInstancesOperation`. */
export function operationConstName(action: ActionModel): string {
  return `${methodName(action.name)}Operation`;
}

/**
 * The TSDoc of an action's client method. `call` is how the example starts the call: `client.describeX(`.
 */
export function actionDocLines(model: ServiceModel, action: ActionModel, call: string): string[] {
  const errorsType = `${model.className}ErrorCode`;
  return [
    ...paragraphs(action.summary ?? summaryFromName(action.name)),
    ...(action.description ? ['', ...paragraphs(action.description)] : []),
    '',
    `Action \`${action.name}\`, version \`${action.version}\`, ${action.httpMethod} ${protocolName(action.protocol)}.`,
    ...idempotencyLines(action),
    ...paginationLines(action),
    ...sourcesLine(action.sources),
    ...(action.crosscheck ?? []).flatMap((note) => wrap(actionNoteSentence(note))),
    ...inputRuleLines(model, action),
    '',
    '@returns The `Result` of the response; its metadata (RequestId) on `$metadata`.',
    // One @throws line, the classes named without {@link}: tsc parses every comment holding `@link` or
    // `@see` in full, and this one is on every method of every package (issue 24).
    ...wrap(
      `@throws VolcValidationError: the input breaks a spec rule, nothing is sent; VolcServiceError: Volcengine answers with an error, \`code\` is a \`${errorsType}\`; VolcNetworkError: the request does not complete (connection refused or reset, DNS failure), cause kept; VolcTimeoutError: \`timeout\` or \`totalTimeout\` runs out; VolcAbortError: \`options.signal\` aborts; VolcResponseError: the response is not the JSON envelope Volcengine sends; VolcCredentialsError: no credentials are found.`,
    ),
    ...(action.requestExample !== undefined
      ? ['@example', '```ts', ...`const result = await ${call}${literal(action.requestExample)});`.split('\n'), '```']
      : []),
    ...(action.deprecated ? ['@deprecated'] : []),
  ];
}

/**
 * The TSDoc of an action's standalone function: its summary, the action, and a link to the client
 * method, whose TSDoc holds the rest (rules, retries, paging, errors). Written once, not twice: every
 * consumer's type-checker and editor parse the declarations of every action of a package (issue 24).
 */
export function standaloneDocLines(model: ServiceModel, action: ActionModel): string[] {
  const method = methodName(action.name);
  return [
    ...paragraphs(action.summary ?? summaryFromName(action.name)),
    '',
    `Action \`${action.name}\`, version \`${action.version}\`, standalone: \`${model.className}Client.${method}\` (same rules, result,`,
    'errors) for a bundle that carries only the actions it imports.',
    ...(action.requestExample !== undefined
      ? [
          '@example',
          '```ts',
          ...`const result = await ${method}(client, ${literal(action.requestExample)});`.split('\n'),
          '```',
        ]
      : []),
    ...(action.deprecated ? ['@deprecated'] : []),
  ];
}

/** The input's rules on the method's own hover: which the compiler checks and which run-time checks. */
function inputRuleLines(model: ServiceModel, action: ActionModel): string[] {
  const shape = action.input ? model.shapes.get(action.input) : undefined;
  if (!shape) return [];
  const rules = splitRules(shape);
  if (rules.typed.length === 0 && rules.runtime.length === 0) return [];
  return [
    ...ruleDocLines(rules),
    '',
    `Each member's own rules (format, pattern, range, length) are checked at run time too; see \`${shape.name}\`.`,
  ];
}

/** Whether a retry after an ambiguous failure is safe, and what the client does about it. */
function idempotencyLines(action: ActionModel): string[] {
  if (action.idempotencyToken)
    return wrap(
      `Idempotent through \`${action.idempotencyToken}\`: filled in when left empty and kept across retries, so a retried call is applied once.`,
    );
  if (action.idempotent)
    return ['Safe to repeat: retried after an ambiguous failure (timeout, reset, 5xx) like any other.'];
  return wrap(
    'Not safe to repeat: after an ambiguous failure (timeout, reset, 5xx) it is not retried and the error has `outcomeUnknown: true`.',
  );
}

/** How the action pages, and the paginator that walks every page. */
function paginationLines(action: ActionModel): string[] {
  const paging = action.pagination;
  if (!paging) return [];
  const walk = `\`paginate${action.name}(client, input)\` yields every item of \`${paging.items}\`, page after page.`;
  const total = 'total' in paging && paging.total ? `, \`${paging.total}\` counts every item` : '';
  switch (paging.style) {
    case 'page-number':
      return wrap(
        `Paged by page number: \`${paging.pageNumber}\` (from 1) and \`${paging.pageSize}\` choose the page${total}. ${walk}`,
      );
    case 'token':
      return wrap(
        `Paged by token: pass the \`${paging.outputToken}\` of an answer as \`${paging.inputToken}\` for the next page${paging.pageSize ? `, \`${paging.pageSize}\` sets its size` : ''}. ${walk}`,
      );
    case 'offset':
      return wrap(
        `Paged by offset: \`${paging.offset}\` skips that many items (from 0) and \`${paging.limit}\` sets the page size${total}. ${walk}`,
      );
  }
}

/** An operation's crosscheck note: "Sources differ on its method and body: ...". */
function actionNoteSentence(note: CrosscheckNote): string {
  return noteSentence(note, `its ${note.subject}`);
}

function protocolName(protocol: ActionModel['protocol']): string {
  return protocol === 'json'
    ? 'with a JSON body'
    : protocol === 'form'
      ? 'with a form-encoded body'
      : 'with the input in the query string';
}
