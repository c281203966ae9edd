/** Every test of client.http.test.ts again, over ky + fetch instead of node:http. */
import { KY_FETCH, useTransport } from './helpers/transports.js';

useTransport(KY_FETCH);
await import('./client.http.test.js');
