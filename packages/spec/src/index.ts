/**
 * @volc-ts/spec: the one reading of a volc-ts spec. The generator emits packages from the model it
 * builds; the mock serves the same model, so the client and the local endpoint cannot disagree about
 * an action, its protocol, its pagination or its error codes.
 */
export { formatDiagnostic, SpecError, type Diagnostic } from './diagnostics.js';
export { lintServiceModel, defaultProblem } from './lint.js';
export { loadModels, specFiles } from './load.js';
export { buildServiceModel } from './model/build.js';
export { inputShapes, reachableShapes, refsOf, usedShapes } from './model/reach.js';
export type * from './model/types.js';
export { constantName, isReadAction, kebabName, membersName, methodName, READ_VERBS } from './names.js';
export { diagnosticAt, parseSpec, readSpec, specFromData, type JsonPath, type SpecDocument } from './read.js';
