import type { JsonPath } from '../read.js';
import { isObject, type BuildContext, type Json } from './context.js';
import type { ServiceModel } from './types.js';

/** The parts of a service model that the document's root says: `openapi`, `info` and `x-volc-service`. */
export type ServiceHeader = Omit<ServiceModel, 'file' | 'actions' | 'shapes' | 'errors'>;

/** Reads and checks the root of the document; a missing or malformed field is reported, never guessed. */
export function serviceHeader(ctx: BuildContext): ServiceHeader {
  const root = isObject(ctx.doc.data) ? ctx.doc.data : {};
  if (!isObject(ctx.doc.data))
    ctx.error([], 'not-openapi', 'the document must be a YAML mapping (an OpenAPI 3.1 document)');
  if (typeof root.openapi !== 'string' || !root.openapi.startsWith('3.1')) {
    ctx.error(['openapi'], 'openapi-version', `expected "openapi: 3.1.0" (got ${JSON.stringify(root.openapi)})`);
  }
  const info = isObject(root.info) ? root.info : {};
  const service = isObject(root['x-volc-service']) ? root['x-volc-service'] : {};
  if (!isObject(root['x-volc-service'])) {
    ctx.error(
      [],
      'missing-service',
      'x-volc-service is required',
      'add x-volc-service: { name, package, className, global } at the top level',
    );
  }
  const name = requireString(
    ctx,
    service,
    ['x-volc-service', 'name'],
    /^[a-z][a-z0-9_-]*$/,
    'a lower-case signing service name such as redis',
  );
  const packageName = requireString(
    ctx,
    service,
    ['x-volc-service', 'package'],
    /^[a-z][a-z0-9-]*$/,
    'a lower-case package name such as redis',
  );
  const className = requireString(
    ctx,
    service,
    ['x-volc-service', 'className'],
    /^[A-Z][A-Za-z0-9]*$/,
    'a PascalCase name such as Redis',
  );
  const version = typeof info.version === 'string' ? info.version : '';
  const host = optionalString(
    ctx,
    service,
    ['x-volc-service', 'host'],
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
    'a DNS host name such as open.volcengineapi.com',
  );
  const displayName = optionalString(
    ctx,
    service,
    ['x-volc-service', 'displayName'],
    /\S/,
    'the service as people name it, such as RDS for MySQL',
  );
  const exampleAction = optionalString(
    ctx,
    service,
    ['x-volc-service', 'example'],
    /^[A-Z][A-Za-z0-9]*$/,
    'the name of a read-only action of this spec, such as DescribeInstances',
  );
  return {
    service: name,
    packageName,
    className,
    title: typeof info.title === 'string' ? info.title : className,
    ...(typeof info.description === 'string' ? { description: info.description } : {}),
    version,
    global: service.global === true,
    ...(host !== undefined ? { host } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
    ...(exampleAction !== undefined ? { exampleAction } : {}),
  };
}

function optionalString(
  ctx: BuildContext,
  object: Json,
  path: JsonPath,
  pattern: RegExp,
  what: string,
): string | undefined {
  return object[path[path.length - 1] as string] === undefined
    ? undefined
    : requireString(ctx, object, path, pattern, what);
}

function requireString(ctx: BuildContext, object: Json, path: JsonPath, pattern: RegExp, what: string): string {
  const value = object[path[path.length - 1] as string];
  if (typeof value !== 'string' || !pattern.test(value)) {
    ctx.error(path, 'invalid-service', `${path.join('.')} must be ${what} (got ${JSON.stringify(value)})`);
    return '';
  }
  return value;
}
