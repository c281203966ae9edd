import { VolcCredentialsError } from '../errors/credentials-error.js';
import { readEnv } from '../runtime.js';
import { checkCredentials } from './static.js';
import type { Credentials, CredentialsProvider } from './types.js';

/** Variable names, current first and then the older VOLCSTACK_* ones that existing setups still use. */
const NAME_SETS = [
  { accessKey: 'VOLCENGINE_ACCESS_KEY', secretKey: 'VOLCENGINE_SECRET_KEY', sessionToken: 'VOLCENGINE_SESSION_TOKEN' },
  {
    accessKey: 'VOLCSTACK_ACCESS_KEY_ID',
    secretKey: 'VOLCSTACK_SECRET_ACCESS_KEY',
    sessionToken: 'VOLCSTACK_SESSION_TOKEN',
  },
  // The shorter older names some official SDKs also read.
  { accessKey: 'VOLCSTACK_ACCESS_KEY', secretKey: 'VOLCSTACK_SECRET_KEY', sessionToken: 'VOLCSTACK_SESSION_TOKEN' },
] as const;

export const ENV_SOURCE = 'environment';

/**
 * Credentials from environment variables: `VOLCENGINE_ACCESS_KEY`, `VOLCENGINE_SECRET_KEY` and
 * optionally `VOLCENGINE_SESSION_TOKEN`; or the older `VOLCSTACK_ACCESS_KEY_ID`,
 * `VOLCSTACK_SECRET_ACCESS_KEY`, or `VOLCSTACK_ACCESS_KEY`, `VOLCSTACK_SECRET_KEY` (and
 * `VOLCSTACK_SESSION_TOKEN`). A pair is never mixed across naming schemes.
 */
export function fromEnv(): CredentialsProvider {
  return async () => {
    for (const names of NAME_SETS) {
      const accessKeyId = readEnv(names.accessKey);
      const secretAccessKey = readEnv(names.secretKey);
      if (accessKeyId && secretAccessKey) {
        const sessionToken = readEnv(names.sessionToken);
        const credentials: Credentials = sessionToken
          ? { accessKeyId, secretAccessKey, sessionToken }
          : { accessKeyId, secretAccessKey };
        // Checked here, where the variable that holds a bad value can be named.
        return checkCredentials(credentials, ENV_SOURCE, {
          accessKeyId: names.accessKey,
          secretAccessKey: names.secretKey,
          sessionToken: names.sessionToken,
        });
      }
      if (accessKeyId || secretAccessKey) {
        const [present, absent] = accessKeyId ? [names.accessKey, names.secretKey] : [names.secretKey, names.accessKey];
        throw new VolcCredentialsError([{ source: ENV_SOURCE, reason: `${present} is set but ${absent} is not` }]);
      }
    }
    throw new VolcCredentialsError([
      {
        source: ENV_SOURCE,
        reason: `${NAME_SETS[0].accessKey}/${NAME_SETS[0].secretKey} (or ${NAME_SETS[1].accessKey}/${NAME_SETS[1].secretKey}) are not set`,
      },
    ]);
  };
}
