/** debug-on-demand.ts of the ES module browser build (dist/esm): the debug log is a chunk of its own. */
export const loadCallDebug = () => import('./call-debug.js');
