/**
 * Worker thread of scripts/build-services.mjs: answers each `{ files, entry }` message with
 * `{ code }`, the package's declarations rolled into one file, or `{ error }`.
 */
import { parentPort } from 'node:worker_threads';
import { bundleDeclarations } from './bundle-declarations.mjs';

parentPort.on('message', async ({ files, entry }) => {
  try {
    parentPort.postMessage({ code: await bundleDeclarations(files, entry) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
