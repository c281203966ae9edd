// The spec model lives in @volc-ts/spec; it is re-exported here so that one import serves generator users.
export {
  buildServiceModel,
  formatDiagnostic,
  lintServiceModel,
  loadModels,
  parseSpec,
  readSpec,
  specFiles,
  SpecError,
  type Diagnostic,
  type SpecDocument,
} from '@volc-ts/spec';
export type * from '@volc-ts/spec';
export { emitPackage } from './emit/package.js';
export { BIOME_FORMAT_SETTINGS, formatPackages } from './format.js';
export { generate, type GeneratedPackage, type GenerateOptions } from './generate.js';
export * from './release/index.js';
