/**
 * The transports the client tests run over. `client.http.test.ts` runs over the default (node:http on
 * Node); `client.http.over-fetch.test.ts` sets {@link useTransport} to ky over fetch and runs the same
 * file again, so every client behaviour is held on both.
 */
import type { ClientConfig } from '../../src/index.js';

export interface TransportUnderTest {
  readonly name: string;
  /** Client options that select it. */
  readonly config: ClientConfig;
}

export const NODE_HTTP: TransportUnderTest = { name: 'node:http', config: {} };
export const KY_FETCH: TransportUnderTest = {
  name: 'ky over fetch',
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
