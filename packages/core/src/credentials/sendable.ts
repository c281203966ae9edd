/** The check a successful call runs on its credentials (static.ts words the problems). */

// Keys, secrets and STS tokens are printable ASCII without spaces; they travel in HTTP header values.
export const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * True when `credentialsProblem` finds nothing: the test a successful call runs (a few regular-expression
 * tests), leaving the wording of a problem to the failure path.
 */
export function credentialsSendable(credentials: unknown): boolean {
  if (typeof credentials !== 'object' || credentials === null) return false;
  const { accessKeyId, secretAccessKey, sessionToken } = credentials as Record<string, unknown>;
  const sendable = (value: unknown) => typeof value === 'string' && value !== '' && VISIBLE_ASCII.test(value);
  return (
    sendable(accessKeyId) &&
    sendable(secretAccessKey) &&
    (sessionToken === undefined || sessionToken === null || sessionToken === '' || sendable(sessionToken))
  );
}
