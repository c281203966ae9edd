/**
 * `@volc-ts/core/internal`: what generated service packages call, and nothing else. NOT for users:
 * nothing here is covered by semver, and any release may change or remove it. Users import from
 * `@volc-ts/core` or from a service package. The SDK's own tests import the modules they test from
 * their source paths, not from here.
 */

// validation helpers the generated validators call
export * from './validate.js';

// paginators behind the generated `paginateX` functions
export { paginateOffset, paginatePageNumber, paginateToken } from './paginate.js';
export type { OffsetFields, PageInput, Paginator, PageNumberFields, TokenFields } from './paginate.js';

// the runtime behind the generated `waitUntil...` functions
export { waitUntil } from './waiter.js';
export type { WaiterClock, WaiterDefinition, WaiterOptions, WaiterResult } from './waiter.js';

// the public types an operation file names, so that it needs one import
export type { Operation, Protocol, RequestSerializer, SerializedRequest, ServiceInfo } from './operation.js';
export type { CallOptions } from './config.js';
export type { Hooks } from './hooks.js';

// the base class of each service's client, for its service.ts: from here, not the root entry, so that a
// bundler which splits by file does not reach everything the root re-exports (same class as the root's)
export { VolcClient } from './client.js';
export type { ResponseMetadata, WithMetadata } from './transport/envelope.js';

// serialization: each operation names its serializer, so a bundle keeps only those its actions use.
// `export *`, not a named list: measured, esbuild's code splitting then pulled the modules of this file's
// named re-exports of that time (retry.ts) into a one-call bundle's initial chunk; through `export *` it does not.
export * from './transport/serialize-json.js';
export * from './transport/serialize-flat.js';
