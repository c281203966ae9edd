import { VolcCredentialsError } from '../errors/credentials-error.js';
import type { Credentials, CredentialsProvider } from './types.js';

/** Checks that a key pair is complete; the reason names the missing part, never a value. */
export function missingPart(credentials: Partial<Credentials> | undefined): string | undefined {
  if (!credentials) return 'no credentials given';
  if (!credentials.accessKeyId) return 'accessKeyId is empty';
  if (!credentials.secretAccessKey) return 'secretAccessKey is empty';
  return undefined;
}

/** The given credentials when the pair is complete; otherwise a `VolcCredentialsError` naming the missing part. */
export function checkedStaticCredentials(credentials: Credentials): Credentials {
  const problem = missingPart(credentials);
  if (problem) throw new VolcCredentialsError([{ source: 'static', reason: problem }]);
  return credentials;
}

/** Credentials given in code. Rejects an incomplete pair when asked for it, not at construction. */
export function fromStatic(credentials: Credentials): CredentialsProvider {
  const frozen: Credentials = { ...credentials };
  return async () => checkedStaticCredentials(frozen);
}
