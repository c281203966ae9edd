/**
 * Secrets used by the tests, and a watcher that collects every log line and error message a test
 * produces so the suite can assert that none of them contains a secret.
 */
import { expect } from 'vitest';
import type { Logger } from '../../src/index.js';

export const ACCESS_KEY_ID = 'AKLTtestaccesskey0000000000000000';
export const SECRET_ACCESS_KEY = 'c2VjcmV0LXRlc3Qta2V5LXRoYXQtbXVzdC1uZXZlci1sZWFr';
export const SESSION_TOKEN = 'STStoken-that-must-never-leak-0123456789abcdef';
export const BODY_PASSWORD = 'Hunter2-password-must-never-leak';

export const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
export const sessionCredentials = { ...credentials, sessionToken: SESSION_TOKEN };

function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      parts.push(`${current.name}: ${current.message}`, current.stack ?? '');
      for (const key of ['issues', 'tried']) {
        if (key in current) parts.push(JSON.stringify((current as unknown as Record<string, unknown>)[key]));
      }
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join('\n');
}

export class SecretWatch {
  readonly texts: string[] = [];
  /** Extra secret strings learned during the test, such as the signatures the server saw. */
  readonly extra: string[] = [];

  /** A logger at any level that records everything it is given. */
  logger(): Logger & { lines: string[] } {
    const lines: string[] = [];
    const write =
      (level: string) =>
      (message: string, ...details: unknown[]) => {
        const line = `${level} ${message} ${details.map((d) => JSON.stringify(d)).join(' ')}`;
        lines.push(line);
        this.texts.push(line);
      };
    return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
  }

  /** Records an error (message, stack, causes) and returns it, for `expect(watch.error(e))`. */
  error<E>(error: E): E {
    this.texts.push(describeError(error));
    return error;
  }

  /** Awaits a promise that must reject, records the error and returns it. */
  async rejection(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return this.error(error as Error);
    }
    throw new Error('expected a rejection');
  }

  /** Remembers the signature of a request's Authorization header as a secret. */
  learnAuthorization(authorization: string | string[] | undefined): void {
    const signature = /Signature=([0-9a-f]{64})/.exec(String(authorization ?? ''))?.[1];
    if (signature) this.extra.push(signature);
  }

  assertClean(): void {
    const secrets = [SECRET_ACCESS_KEY, SESSION_TOKEN, BODY_PASSWORD, ...this.extra];
    for (const text of this.texts) {
      for (const secret of secrets) expect(text, 'a secret leaked into a log line or error').not.toContain(secret);
    }
  }
}
