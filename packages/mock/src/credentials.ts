/** An access key pair the mock accepts. With `sessionToken`, requests must carry it in `X-Security-Token`. */
export interface MockCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The test-only key pair the mock accepts when no `credentials` option is given. It opens nothing but
 * the mock, so it is printed and documented on purpose.
 */
export const MOCK_CREDENTIALS: MockCredentials = Object.freeze({
  accessKeyId: 'AKLTvolcmockaccesskey',
  secretAccessKey: 'volc-mock-secret-key',
});

/** Indexes credentials by access key ID; the last entry wins when an ID repeats. */
export function indexCredentials(list: readonly MockCredentials[]): Map<string, MockCredentials> {
  return new Map(list.map((entry) => [entry.accessKeyId, entry]));
}
