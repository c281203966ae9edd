/** The top of a new spec file: everything but the actions and their schemas. */
import type { Catalog } from './catalog.js';
import { renderEntries } from './render.js';

/**
 * Services that Volcengine serves from one global host although the Node SDK's endpoint table
 * (and so the catalog) lists them as regional: STS answers at sts.volcengineapi.com, which is also
 * the default host of the official Go SDK's STS credential providers.
 */
const GLOBAL_DESPITE_CATALOG = new Set(['sts']);

export interface ServiceInfo {
  /** Signing service name. */
  readonly name: string;
  readonly package: string;
  readonly className: string;
  readonly global: boolean;
  readonly version: string;
  readonly host: string;
}

export function serviceInfo(catalog: Catalog): ServiceInfo {
  const global = catalog.endpoint.isGlobal === true || GLOBAL_DESPITE_CATALOG.has(catalog.service);
  // The SDK's host pattern: service name lower-cased, `_` written as `-`.
  const prefix = catalog.service.toLowerCase().replaceAll('_', '-');
  const version = [...catalog.versions].sort().at(-1) ?? catalog.actions[0]?.version;
  if (!version) throw new Error(`catalog ${catalog.package} names no API version`);
  return {
    name: catalog.service,
    package: catalog.package,
    className: pascalCase(catalog.package),
    global,
    version,
    host: global ? `${prefix}.volcengineapi.com` : `${prefix}.{region}.volcengineapi.com`,
  };
}

/** `ecs` -> `Ecs`, `rds_mysql` -> `RdsMysql`. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Short names read best as acronyms (ECS, VPC, IAM); longer ones keep their class name. */
function displayName(info: ServiceInfo): string {
  return info.package.length <= 4 ? info.package.toUpperCase() : info.className;
}

/** The root keys of a spec, in the order a new file writes them. */
export const ROOT_ORDER = ['openapi', 'info', 'servers', 'security', 'x-volc-service', 'tags', 'paths', 'components'];

/** Root entries (all but `components`, which is fixed text) for a new spec. */
export function rootEntries(info: ServiceInfo): [string, unknown][] {
  const server = info.global
    ? { url: `https://${info.host}`, description: 'Global endpoint.' }
    : {
        url: `https://${info.host}`,
        description: 'Regional endpoint.',
        variables: {
          region: { default: 'cn-beijing', description: 'Region ID, for example cn-beijing or cn-shanghai.' },
        },
      };
  return [
    ['openapi', '3.1.0'],
    [
      'info',
      {
        title: `Volcengine ${displayName(info)}`,
        version: info.version,
        description:
          `Volcengine ${displayName(info)} OpenAPI, imported from the service catalog. Every action is an HTTPS ` +
          `request to \`/?Action={Action}&Version=${info.version}\`, signed with Volcengine's HMAC-SHA256 scheme.`,
        license: { name: 'MIT', identifier: 'MIT' },
      },
    ],
    ['servers', [server]],
    ['security', [{ volcSignature: [] }]],
    ['x-volc-service', { name: info.name, package: info.package, className: info.className, global: info.global }],
    ['paths', {}],
  ];
}

/** The parts every spec shares, as written in spec/redis.yaml. */
export const STANDARD_COMPONENTS = `components:
  securitySchemes:
    volcSignature:
      type: apiKey
      in: header
      name: Authorization
      description: >-
        Volcengine HMAC-SHA256 request signature (\`HMAC-SHA256 Credential=..., SignedHeaders=...,
        Signature=...\`) with the \`X-Date\` header.
  responses:
    Error:
      description: >-
        The request failed. \`ResponseMetadata.Error\` says why; Volcengine sends it with a 4xx or 5xx
        status, and sometimes with 200.
      content:
        application/json:
          schema:
            type: object
            required: [ResponseMetadata]
            properties:
              ResponseMetadata:
                $ref: "#/components/schemas/ResponseMetadata"
  schemas:
    ResponseMetadata:
      type: object
      description: Describes the call; present in every response.
      required: [RequestId, Action, Version, Service, Region]
      properties:
        RequestId:
          type: string
          description: Unique ID of the request; quote it when you contact support.
        Action:
          type: string
        Version:
          type: string
        Service:
          type: string
        Region:
          type: string
        Error:
          type: object
          description: Present when the call failed.
          required: [Code, Message]
          properties:
            Code:
              type: string
              description: Error code, for example \`InvalidParameter\`.
            CodeN:
              type: integer
              description: Numeric error code.
            Message:
              type: string
`;

/** A complete new spec without actions; the importer then adds them like it would to any spec. */
export function newSpecText(info: ServiceInfo): string {
  return renderEntries(rootEntries(info), 0) + STANDARD_COMPONENTS;
}
