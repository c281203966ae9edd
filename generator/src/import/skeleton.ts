/** The top of a new spec file: everything but the actions and their schemas. */
import { isReadAction } from '@volc-ts/spec';
import type { Catalog } from './catalog.js';
import type { CrosscheckNote } from './crosscheck.js';
import { serviceNames } from './display-names.js';
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
  /** The service as people name it: "RDS for MySQL". */
  readonly displayName: string;
  readonly global: boolean;
  readonly version: string;
  /** Host pattern of the spec's server URL. */
  readonly host: string;
  /** Set when the service has no host of its own in the official endpoint table. */
  readonly fixedHost?: string;
  /** The read-only action the README shows, chosen once, when the spec is created. */
  readonly example?: string;
  /** Where the Node and Go SDKs disagree about the service, and what the spec chose. */
  readonly crosscheck?: readonly CrosscheckNote[];
}

/** The host that accepts every service (../shared/catalog/endpoints.json, `defaultHost`). */
export const OPEN_HOST = 'open.volcengineapi.com';

export function serviceInfo(catalog: Catalog): ServiceInfo {
  const global = catalog.endpoint.isGlobal === true || GLOBAL_DESPITE_CATALOG.has(catalog.service);
  // The official host rule: service name lower-cased, `_` written as `-` (a valid DNS label).
  const prefix = catalog.service.toLowerCase().replaceAll('_', '-');
  const version = [...catalog.versions].sort().at(-1) ?? catalog.actions[0]?.version;
  if (!version) throw new Error(`catalog ${catalog.package} names no API version`);
  // A service missing from the official endpoint table has no known host of its own: rather than
  // guess one, use the host that accepts every service.
  const fixedHost = catalog.endpoint.inSdkCoreTable === false ? OPEN_HOST : undefined;
  const names = serviceNames(catalog.package, catalog.service);
  const example = exampleAction(catalog);
  return {
    name: catalog.service,
    package: catalog.package,
    className: names.className,
    displayName: names.displayName,
    global,
    version,
    host: fixedHost ?? (global ? `${prefix}.volcengineapi.com` : `${prefix}.{region}.volcengineapi.com`),
    ...(fixedHost ? { fixedHost } : {}),
    ...(example ? { example } : {}),
  };
}

/**
 * The README's example: the first read-only action (by name) that can be called with `{}`, else the
 * first read-only action; none when the service has no read-only action.
 */
export function exampleAction(catalog: Catalog): string | undefined {
  const reads = catalog.actions
    .filter((a) => isReadAction(a.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const callableEmpty = reads.find((a) => !a.input || (catalog.shapes[a.input]?.required ?? []).length === 0);
  return (callableEmpty ?? reads[0])?.name;
}

/** The root keys of a spec, in the order a new file writes them. */
export const ROOT_ORDER = [
  'openapi',
  'info',
  'servers',
  'security',
  'x-volc-service',
  'x-volc-crosscheck',
  'tags',
  'paths',
  'components',
];

/** Root entries (all but `components`, which is fixed text) for a new spec. */
export function rootEntries(info: ServiceInfo): [string, unknown][] {
  const server = info.fixedHost
    ? {
        url: `https://${info.host}`,
        description:
          'The endpoint that accepts every service (the service has no host of its own in the official endpoint table).',
      }
    : info.global
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
        title: `Volcengine ${info.displayName}`,
        version: info.version,
        description:
          `Volcengine ${info.displayName} OpenAPI, imported from the service catalog. Every action is an HTTPS ` +
          `request to \`/?Action={Action}&Version=${info.version}\`, signed with Volcengine's HMAC-SHA256 scheme.`,
        license: { name: 'MIT', identifier: 'MIT' },
      },
    ],
    ['servers', [server]],
    ['security', [{ volcSignature: [] }]],
    [
      'x-volc-service',
      {
        name: info.name,
        package: info.package,
        className: info.className,
        displayName: info.displayName,
        global: info.global,
        ...(info.fixedHost ? { host: info.fixedHost } : {}),
        ...(info.example ? { example: info.example } : {}),
      },
    ],
    ...(info.crosscheck && info.crosscheck.length > 0
      ? [['x-volc-crosscheck', info.crosscheck] as [string, unknown]]
      : []),
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
