/** What the client method (client.ts) and the standalone function (operation.ts) of an action share: signature and TSDoc. */
import { methodName, type ActionModel, type ServiceModel } from '@volc-ts/spec';
import { paragraphs, ruleDocLines } from './docs.js';
import { literal } from './literal.js';
import { acceptsEmpty, splitRules } from './rules.js';

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

/** The name of an action's `Operation` descriptor: `describeInstancesOperation`. */
export function operationConstName(action: ActionModel): string {
  return `${methodName(action.name)}Operation`;
}

/**
 * The TSDoc of an action's client method and standalone function. `call` is how the example starts
 * the call: `client.describeX(` or `describeX(client, `.
 */
export function actionDocLines(model: ServiceModel, action: ActionModel, call: string): string[] {
  const errorsType = `${model.className}ErrorCode`;
  return [
    ...paragraphs(action.summary ?? `Calls ${action.name}.`),
    ...(action.description ? ['', ...paragraphs(action.description)] : []),
    '',
    `Action \`${action.name}\`, version \`${action.version}\`, ${action.httpMethod} ${protocolName(action.protocol)}.`,
    ...(action.idempotencyToken
      ? [
          `\`${action.idempotencyToken}\` is filled in when left empty and kept across retries, so a retried call is applied once.`,
        ]
      : []),
    ...(action.idempotent
      ? []
      : [
          'Not safe to repeat: after an ambiguous failure (timeout, reset, 5xx) it is not retried and the error has `outcomeUnknown: true`.',
        ]),
    ...inputRuleLines(model, action),
    '',
    `@returns The \`Result\` of the response, with the response metadata (RequestId) on \`$metadata\`.`,
    '@throws {@link VolcValidationError} when the input breaks a rule of the spec; nothing is sent.',
    `@throws {@link VolcServiceError} when Volcengine answers with an error; \`code\` is a {@link ${errorsType}}.`,
    '@throws {@link VolcNetworkError} when the request does not complete (connection refused or reset, DNS failure); the cause is kept.',
    '@throws {@link VolcTimeoutError} when an attempt or the whole call runs out of time (`timeout`, `totalTimeout`).',
    '@throws {@link VolcAbortError} when `options.signal` aborts the call.',
    '@throws {@link VolcResponseError} when the response cannot be understood (not the JSON envelope Volcengine sends).',
    '@throws {@link VolcCredentialsError} when no credentials can be found.',
    ...(action.requestExample !== undefined
      ? ['@example', '```ts', ...`const result = await ${call}${literal(action.requestExample)});`.split('\n'), '```']
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
    `Each member's own rules (format, pattern, range, length) are checked at run time too; see {@link ${shape.name}}.`,
  ];
}

function protocolName(protocol: ActionModel['protocol']): string {
  return protocol === 'json'
    ? 'with a JSON body'
    : protocol === 'form'
      ? 'with a form-encoded body'
      : 'with the input in the query string';
}
