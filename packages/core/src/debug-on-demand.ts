/**
 * The debug log module (call-debug.ts), asked for only when the `debug` level is on. A module of its own so
 * that both the client (through on-demand.ts) and the failure path ask for it without call-failure.ts
 * importing on-demand.ts, which imports call-failure.ts. The ES module browser build takes
 * debug-on-demand.split.ts (`import()`).
 */
import * as callDebug from './call-debug.js';

export const loadCallDebug = (): Promise<typeof callDebug> => Promise.resolve(callDebug);
