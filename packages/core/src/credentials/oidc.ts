import { VolcCredentialsError } from '../errors/credentials-error.js';
import { readEnv } from '../runtime.js';
import { cachedCredentials } from './cache.js';
import { readFailure, readTextFile } from './cli-config.js';
import { requestStsCredentials, type StsCallOptions } from './sts.js';
import type { Credentials, CredentialsProvider } from './types.js';

export interface OidcTokenFileOptions extends StsCallOptions {
  /** TRN of the role: `trn:iam::<account ID>:role/<role name>`. */
  readonly roleTrn: string;
  /** Path of the OIDC token (a JWT). Read again at every refresh, since Kubernetes rotates it. */
  readonly tokenFile: string;
  /** Session name shown in audit logs. @default `volc-ts-<epoch ms>` */
  readonly roleSessionName?: string;
  /** Inline policy (JSON text) that narrows the role's rights. */
  readonly policy?: string;
  /** Lifetime of the credentials in seconds. @default 3600 */
  readonly durationSeconds?: number;
  /** Refresh this many ms before expiry. @default 300000 */
  readonly refreshBefore?: number;
  /** Names the source in errors. @default `OIDC <roleTrn>` */
  readonly sourceName?: string;
}

/** Reads and trims the token file; the reason names the file, never its contents. */
export async function readOidcToken(path: string, source: string): Promise<string> {
  let token: string;
  try {
    token = (await readTextFile(path)).trim();
  } catch (error) {
    throw new VolcCredentialsError([{ source, reason: `token file ${path} ${readFailure(error)}` }]);
  }
  if (!token) throw new VolcCredentialsError([{ source, reason: `token file ${path} is empty` }]);
  return token;
}

/**
 * Temporary credentials of a role from STS AssumeRoleWithOIDC, with the token read from a file at
 * each refresh. Cached; concurrent callers share one request; refreshed `refreshBefore` ms before
 * expiry. Core's own STS call: no service package needed.
 *
 * @throws {VolcCredentialsError} the token file is missing or empty, or STS refused (code and request id)
 */
export function fromOidcTokenFile(options: OidcTokenFileOptions): CredentialsProvider {
  const source = options.sourceName ?? `OIDC ${options.roleTrn}`;
  const fetchCredentials = async (): Promise<Credentials> => {
    const token = await readOidcToken(options.tokenFile, source);
    return requestStsCredentials(
      'AssumeRoleWithOIDC',
      {
        RoleTrn: options.roleTrn,
        RoleSessionName: options.roleSessionName ?? `volc-ts-${Date.now()}`,
        OIDCToken: token,
        DurationSeconds: options.durationSeconds ?? 3600,
        Policy: options.policy,
      },
      undefined,
      source,
      options,
    );
  };
  return cachedCredentials(fetchCredentials, {
    backoff: true,
    ...(options.refreshBefore === undefined ? {} : { refreshBefore: options.refreshBefore }),
  });
}

/** Environment variables of the OIDC source, as Volcengine's SDKs read them. */
export const OIDC_ENV = {
  roleTrn: 'VOLCENGINE_OIDC_ROLE_TRN',
  tokenFile: 'VOLCENGINE_OIDC_TOKEN_FILE',
  roleSessionName: 'VOLCENGINE_OIDC_ROLE_SESSION_NAME',
  policy: 'VOLCENGINE_OIDC_ROLE_POLICY',
  stsEndpoint: 'VOLCENGINE_OIDC_STS_ENDPOINT',
} as const;

export const OIDC_ENV_SOURCE = 'OIDC from environment';

/**
 * The Kubernetes (VKE) way: `VOLCENGINE_OIDC_ROLE_TRN` and `VOLCENGINE_OIDC_TOKEN_FILE`, with optional
 * `VOLCENGINE_OIDC_ROLE_SESSION_NAME`, `VOLCENGINE_OIDC_ROLE_POLICY` and `VOLCENGINE_OIDC_STS_ENDPOINT`.
 * The variables are read at the first call; the token file at every refresh.
 *
 * @throws {VolcCredentialsError} source "OIDC from environment": the variables are not set, or as {@link fromOidcTokenFile}
 */
export function fromOidcEnv(options: Omit<StsCallOptions, 'endpoint'> = {}): CredentialsProvider {
  let provider: CredentialsProvider | undefined;
  return async (request) => {
    if (!provider) {
      const roleTrn = readEnv(OIDC_ENV.roleTrn);
      const tokenFile = readEnv(OIDC_ENV.tokenFile);
      if (!roleTrn || !tokenFile) {
        const reason =
          !roleTrn && !tokenFile
            ? `${OIDC_ENV.roleTrn} and ${OIDC_ENV.tokenFile} are not set`
            : `${roleTrn ? OIDC_ENV.roleTrn : OIDC_ENV.tokenFile} is set but ${roleTrn ? OIDC_ENV.tokenFile : OIDC_ENV.roleTrn} is not`;
        throw new VolcCredentialsError([{ source: OIDC_ENV_SOURCE, reason }]);
      }
      const sessionName = readEnv(OIDC_ENV.roleSessionName);
      const policy = readEnv(OIDC_ENV.policy);
      const endpoint = readEnv(OIDC_ENV.stsEndpoint);
      provider = fromOidcTokenFile({
        ...options,
        roleTrn,
        tokenFile,
        sourceName: OIDC_ENV_SOURCE,
        ...(sessionName ? { roleSessionName: sessionName } : {}),
        ...(policy ? { policy } : {}),
        ...(endpoint ? { endpoint } : {}),
      });
    }
    return provider(request);
  };
}
