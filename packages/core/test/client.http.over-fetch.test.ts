/** Every test of client.http.test.ts again, over fetch called directly (the `fetch` option) instead of node:http. */
import { DIRECT_FETCH, useTransport } from './helpers/transports.js';

useTransport(DIRECT_FETCH);
await import('./client.http.test.js');
