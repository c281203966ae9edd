/**
 * Paths to actions: each path `/?Action=<Name>&Version=<version>` holds one GET or POST operation,
 * whose input is one object (a JSON or form body, or the query) and whose `Result` is one object.
 */
import type { JsonPath } from '../read.js';
import { docs, isObject, type BuildContext, type Json } from './context.js';
import { crosscheckNotes, errorCodes, idempotency, pagination, sources } from './extensions.js';
import { typeOf } from './schemas.js';
import type { ActionModel } from './types.js';

/** Operation keys of an OpenAPI path item. */
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const ACTION_PATH = /^\/\?Action=([A-Za-z][A-Za-z0-9]*)(?:&Version=([^&]+))?$/;
const VERSION = /^\d{4}-\d{2}-\d{2}$/;

/** Every action of `paths`, in name order. */
export function buildActions(ctx: BuildContext, paths: unknown): ActionModel[] {
  if (!isObject(paths)) {
    ctx.error(
      [],
      'missing-paths',
      'the document has no paths; every action is a path /?Action=<Name>&Version=<version>',
    );
    return [];
  }
  const actions: ActionModel[] = [];
  for (const key of Object.keys(paths)) {
    const item = paths[key];
    const match = ACTION_PATH.exec(key);
    if (!match) {
      ctx.error(
        ['paths', key],
        'path-format',
        `path "${key}" is not of the form /?Action=<Name>&Version=<YYYY-MM-DD>`,
        undefined,
        true,
      );
      continue;
    }
    const [, action = '', version] = match;
    if (version === undefined || !VERSION.test(version)) {
      ctx.error(
        ['paths', key],
        'missing-version',
        `action ${action} has no valid Version in its path`,
        `write the path as /?Action=${action}&Version=YYYY-MM-DD`,
        true,
      );
      continue;
    }
    if (!isObject(item)) continue;
    const methods = Object.keys(item).filter((m) => HTTP_METHODS.has(m));
    if (methods.length !== 1 || (methods[0] !== 'get' && methods[0] !== 'post')) {
      ctx.error(
        ['paths', key],
        'unsupported-method',
        `action ${action} must have exactly one operation, get or post (found ${methods.join(', ') || 'none'})`,
        undefined,
        true,
      );
      continue;
    }
    const method = methods[0] as 'get' | 'post';
    const built = buildAction(ctx, action, version, method, item[method], ['paths', key, method]);
    if (built) actions.push(built);
  }
  return actions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function buildAction(
  ctx: BuildContext,
  name: string,
  version: string,
  method: 'get' | 'post',
  operation: unknown,
  path: JsonPath,
): ActionModel | undefined {
  if (!isObject(operation)) {
    ctx.error(path, 'invalid-operation', `the ${method} operation of ${name} must be a mapping`);
    return undefined;
  }
  if (operation.operationId !== name) {
    ctx.error(
      [...path, 'operationId'],
      'operation-id-mismatch',
      `operationId must equal the action name "${name}" (got ${JSON.stringify(operation.operationId)})`,
    );
  }
  let protocol: ActionModel['protocol'] = method === 'get' ? 'query' : 'json';
  let input: string | undefined;
  let requestExample: unknown;

  if (method === 'post' && operation.requestBody !== undefined) {
    const content =
      isObject(operation.requestBody) && isObject(operation.requestBody.content) ? operation.requestBody.content : {};
    const types = Object.keys(content);
    const contentType = types[0];
    if (
      types.length !== 1 ||
      (contentType !== 'application/json' && contentType !== 'application/x-www-form-urlencoded')
    ) {
      ctx.error(
        [...path, 'requestBody'],
        'unsupported-content-type',
        `requestBody must have one content type, application/json or application/x-www-form-urlencoded (found ${types.join(', ') || 'none'})`,
      );
    } else {
      protocol = contentType === 'application/json' ? 'json' : 'form';
      const media = content[contentType] as Json;
      input = inputShape(
        ctx,
        media?.schema,
        [...path, 'requestBody', 'content', contentType, 'schema'],
        `${name}Request`,
      );
      requestExample = firstExample(media);
    }
  }
  if (method === 'get' && operation.parameters !== undefined) {
    const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
    const parameter = parameters[0];
    if (parameters.length !== 1 || !isObject(parameter) || parameter.in !== 'query') {
      ctx.error(
        [...path, 'parameters'],
        'unsupported-parameters',
        'a GET action takes one query parameter whose schema is the input object (style: form, explode: true)',
      );
    } else {
      input = inputShape(ctx, parameter.schema, [...path, 'parameters', 0, 'schema'], `${name}Request`);
      requestExample = firstExample(parameter);
    }
  }

  const { output, responseExample } = outputShape(ctx, name, operation.responses, [...path, 'responses']);
  const paging = pagination(ctx, operation['x-volc-pagination'], [...path, 'x-volc-pagination']);
  const { idempotencyToken, idempotent } = idempotency(ctx, operation, path);
  const stated = sources(ctx, operation, path);
  const notes = crosscheckNotes(operation);

  return {
    name,
    version,
    httpMethod: method === 'get' ? 'GET' : 'POST',
    protocol,
    ...docs(operation),
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(paging ? { pagination: paging } : {}),
    ...(idempotencyToken !== undefined ? { idempotencyToken } : {}),
    ...(Array.isArray(operation.security) && operation.security.length === 0 ? { unsigned: true } : {}),
    idempotent,
    ...(notes ? { crosscheck: notes } : {}),
    ...(requestExample !== undefined ? { requestExample } : {}),
    ...(responseExample !== undefined ? { responseExample } : {}),
    errors: errorCodes(ctx, operation['x-volc-errors'], [...path, 'x-volc-errors']),
    tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
    ...(stated ? { sources: stated } : {}),
    path,
  };
}

/** The input must be an object: a $ref to an object schema, or an inline object that becomes `<Action>Request`. */
function inputShape(ctx: BuildContext, schema: unknown, path: JsonPath, inlineName: string): string | undefined {
  const type = typeOf(ctx, schema, path, inlineName);
  if (type.kind === 'ref' && ctx.shapes.has(type.name)) return type.name;
  if (type.kind === 'object') return undefined;
  if (type.kind !== 'ref') ctx.error(path, 'input-not-object', 'the input schema must be an object with properties');
  return undefined;
}

function outputShape(
  ctx: BuildContext,
  name: string,
  responses: unknown,
  path: JsonPath,
): { output?: string; responseExample?: unknown } {
  const ok = isObject(responses) ? responses['200'] : undefined;
  const media = isObject(ok) && isObject(ok.content) ? ok.content['application/json'] : undefined;
  if (!isObject(media) || !isObject(media.schema)) {
    ctx.error(
      path,
      'missing-response',
      `action ${name} needs responses.200.content.application/json with a ResponseMetadata and Result schema`,
    );
    return {};
  }
  const responseExample = firstExample(media);
  const properties = isObject(media.schema.properties) ? media.schema.properties : {};
  const resultPath = [...path, '200', 'content', 'application/json', 'schema', 'properties', 'Result'];
  if (properties.Result === undefined) return responseExample === undefined ? {} : { responseExample };
  const type = typeOf(ctx, properties.Result, resultPath, `${name}Result`);
  const output = type.kind === 'ref' && ctx.shapes.has(type.name) ? type.name : undefined;
  if (type.kind !== 'ref' && type.kind !== 'object')
    ctx.error(resultPath, 'result-not-object', 'Result must be an object schema');
  return { ...(output ? { output } : {}), ...(responseExample !== undefined ? { responseExample } : {}) };
}

/** The first of `examples` (by name order in the file) or the single `example`. */
function firstExample(media: unknown): unknown {
  if (!isObject(media)) return undefined;
  if (isObject(media.examples)) {
    const first = Object.values(media.examples)[0];
    if (isObject(first) && 'value' in first) return first.value;
  }
  return media.example;
}
