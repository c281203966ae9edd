import { kebabName, type ServiceModel } from '@volc-ts/spec';
import { renderTs, writeImport } from './shared/writer.js';

/**
 * Re-exported from @volc-ts/core, so users of one service package need no second import: every error class
 * and guard (core's errors entry, whole, so none is missed) and these types.
 */
const CORE_TYPES = [
  'CallOptions',
  'ClientConfig',
  'Credentials',
  'CredentialsProvider',
  'Paginator',
  'ResponseMetadata',
  'WithMetadata',
];

/** Core's types a package with waiters re-exports too, for the options and results of its `waitUntil...` functions. */
const WAITER_TYPES = ['WaiterClock', 'WaiterOptions', 'WaiterResult'];

/** `src/index.ts`: the client, the service, the error codes, every type and operation, and core's errors and types. */
export function emitIndex(model: ServiceModel, header: string): string {
  return renderTs(header, (writer) => {
    writer.writeLine(`export { ${model.className}Client } from './client.js';`);
    writer.writeLine(`export * from './service.js';`);
    writer.writeLine(`export * from './errors.js';`);
    writer.writeLine(`export type * from './types.js';`);
    for (const action of model.actions) writer.writeLine(`export * from './operations/${kebabName(action.name)}.js';`);
    if ((model.waiters ?? []).length > 0) writer.writeLine(`export * from './waiters.js';`);
    writer.writeLine(`export * from '@volc-ts/core/errors';`);
    writeImport(writer, CORE_TYPES, '@volc-ts/core', true, 'export');
    if ((model.waiters ?? []).length > 0) writeImport(writer, WAITER_TYPES, '@volc-ts/core', true, 'export');
  });
}
