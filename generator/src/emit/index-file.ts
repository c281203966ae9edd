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

/** `src/index.ts`: the client, the service, the error codes, every type and operation, and core's errors and types. */
export function emitIndex(model: ServiceModel, header: string): string {
  return renderTs(header, (writer) => {
    writer.writeLine(`export { ${model.className}Client } from './client.js';`);
    writer.writeLine(`export * from './service.js';`);
    writer.writeLine(`export * from './errors.js';`);
    writer.writeLine(`export type * from './types.js';`);
    for (const action of model.actions) writer.writeLine(`export * from './operations/${kebabName(action.name)}.js';`);
    writer.writeLine(`export * from '@volc-ts/core/errors';`);
    writeImport(writer, CORE_TYPES, '@volc-ts/core', true, 'export');
  });
}
