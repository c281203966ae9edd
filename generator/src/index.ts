export { formatDiagnostic, SpecError, type Diagnostic } from './diagnostics.js';
export { emitPackage, generate, loadModels, specFiles, type GeneratedPackage, type GenerateOptions } from './generate.js';
export { parseSpec, readSpec, type SpecDocument } from './load/read.js';
export { buildServiceModel } from './model/build.js';
export { lintServiceModel } from './model/lint.js';
export type * from './model/types.js';
export * from './release/index.js';
