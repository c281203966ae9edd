/**
 * The transports the client tests run over. `client.http.test.ts` runs over the default (node:http on
 * Node); `client.http.over-fetch.test.ts` sets {@link useTransport} to fetch (called directly) and runs the same
 * file again (ky over fetch, the browser build's transport, is held to the transport rules in transport.test.ts), so every client behaviour is held on both.
 */
import type { ClientConfig } from '../../src/index.js';

export interface TransportUnderTest {
  readonly name: string;
  /** Client options that select it. */
  readonly config: ClientConfig;
}

export const NODE_HTTP: TransportUnderTest = { name: 'node:http', config: {} };
/** The `fetch` option: fetch called directly on Node, Bun and Deno (transport/fetch-direct.ts). */
export const DIRECT_FETCH: TransportUnderTest = {
  name: 'fetch, called directly',
  config: { fetch: (input, init) => fetch(input, init) },
};

const KEY = Symbol.for('volc-ts.test.transport');

/** Selects the transport for the test files imported after this call. */
export function useTransport(transport: TransportUnderTest): void {
  (globalThis as Record<symbol, unknown>)[KEY] = transport;
}

/** The transport selected for this test file (node:http unless a wrapper chose another). */
export function transportUnderTest(): TransportUnderTest {
  return ((globalThis as Record<symbol, unknown>)[KEY] as TransportUnderTest | undefined) ?? NODE_HTTP;
}
