import { VolcCredentialsError } from '../errors/credentials-error.js';
import { VISIBLE_ASCII } from './sendable.js';
import type { Credentials, CredentialsProvider } from './types.js';

const CREDENTIAL_FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken'] as const;
type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

function describeCharacter(value: string, index: number): string {
  const char = value[index]!;
  const name =
    char === '\n'
      ? 'a line break (\\n)'
      : char === '\r'
        ? 'a carriage return (\\r)'
        : char === ' '
          ? 'a space'
          : char === '\t'
            ? 'a tab'
            : `character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const where =
    index === 0
      ? 'at the start'
      : index === value.length - 1
        ? 'at the end'
        : `at position ${index + 1} of ${value.length}`;
  return `${name} ${where}`;
}

/** Why a value cannot be sent as a credential, or undefined when it can. Names the character, never the value. */
function badCharacter(field: string, value: string): string | undefined {
  if (VISIBLE_ASCII.test(value)) return undefined;
  const index = [...value].findIndex((c) => !VISIBLE_ASCII.test(c));
  const hint = /\s/.test(value[index] ?? '')
    ? ' (copied from a file or a secret with a line break or wrapping? Remove the whitespace)'
    : '';
  return `${field} contains ${describeCharacter(value, index)}; only printable ASCII without spaces can be sent${hint}`;
}

/**
 * Why credentials cannot be used, or undefined when they can: a missing part, a non-string, or a character
 * no HTTP header may carry (a trailing newline from a file, a token wrapped at 76 characters). The reason
 * names the field and the character, never the value. Nothing is trimmed: a changed secret would fail later
 * with a signature error that hides the cause.
 */
export function credentialsProblem(
  credentials: unknown,
  names: Partial<Record<CredentialField, string>> = {},
): string | undefined {
  if (typeof credentials !== 'object' || credentials === null) return 'no credentials given';
  const c = credentials as Record<string, unknown>;
  for (const field of CREDENTIAL_FIELDS) {
    const value = c[field];
    const name = names[field] ?? field;
    if (value === undefined || value === null || value === '') {
      if (field !== 'sessionToken') return `${name} is empty`;
      continue;
    }
    if (typeof value !== 'string') return `${name} is not a string (${typeof value})`;
    const problem = badCharacter(name, value);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The credentials when they can be sent; otherwise a `VolcCredentialsError` naming `source` and the problem.
 *
 * @throws {VolcCredentialsError} a missing part or a character no header may carry (see {@link credentialsProblem})
 */
export function checkCredentials<C extends Credentials>(
  credentials: C,
  source: string,
  names?: Partial<Record<CredentialField, string>>,
): C {
  const problem = credentialsProblem(credentials, names);
  if (problem) throw new VolcCredentialsError([{ source, reason: problem }]);
  return credentials;
}

/** The given credentials when they can be sent; otherwise a `VolcCredentialsError` naming the problem. */
export function checkedStaticCredentials(credentials: Credentials): Credentials {
  return checkCredentials(credentials, 'static');
}

/** Credentials given in code. Rejects an incomplete pair when asked for it, not at construction. */
export function fromStatic(credentials: Credentials): CredentialsProvider {
  const frozen: Credentials = { ...credentials };
  return async () => checkedStaticCredentials(frozen);
}
