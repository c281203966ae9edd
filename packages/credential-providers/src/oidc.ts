import {
  cachedCredentials,
  OIDC_ENV,
  VolcCredentialsError,
  type ClientConfig,
  type Credentials,
  type CredentialsProvider,
} from '@volc-ts/core';
import { assumeRoleWithOIDC, StsBaseClient } from '@volc-ts/sts';
import { fileFailure, readSmallFile } from './files.js';
import { expiryProblem, issuedCredentials } from './issued.js';

export interface OIDCOptions {
  /** TRN of the role: `trn:iam::<account ID>:role/<role name>`. @default env `VOLCENGINE_OIDC_ROLE_TRN` */
  readonly roleTrn?: string;
  /** Path of the OIDC token file, read again at every refresh (Kubernetes rotates it). @default env `VOLCENGINE_OIDC_TOKEN_FILE` */
  readonly tokenFile?: string;
  /** Session name shown in audit logs. @default env `VOLCENGINE_OIDC_ROLE_SESSION_NAME`, else `volc-ts-<epoch ms>` */
  readonly roleSessionName?: string;
  /** Inline policy (JSON text) that narrows the role's rights. @default env `VOLCENGINE_OIDC_ROLE_POLICY` */
  readonly policy?: string;
  /** Lifetime of the credentials in seconds, 900 to 43200. @default 3600 */
  readonly durationSeconds?: number;
  /** Settings of the STS client (endpoint, fetch, timeout, ...). @default endpoint from env `VOLCENGINE_OIDC_STS_ENDPOINT` */
  readonly stsConfig?: Omit<ClientConfig, 'credentials'>;
  /** Fetch new credentials this many ms before the current ones expire. @default 300000 (5 minutes) */
  readonly refreshBefore?: number;
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value ? value : undefined;
}

/**
 * Temporary credentials of a role from STS AssumeRoleWithOIDC (the generated STS client), for pods on
 * VKE with a projected service-account token. The token file is read at every refresh; the call is
 * unsigned, so no other credentials are needed. Cached; concurrent callers share one request.
 *
 * @throws {VolcCredentialsError} source `OIDC <role>`: no role or token file given, the file is missing or
 * empty, or STS refused (with the code and request id)
 * @example
 * ```ts
 * const client = new RedisClient({ credentials: fromOIDC() }); // VOLCENGINE_OIDC_ROLE_TRN + VOLCENGINE_OIDC_TOKEN_FILE
 * ```
 */
export function fromOIDC(options: OIDCOptions = {}): CredentialsProvider {
  const roleTrn = options.roleTrn ?? env(OIDC_ENV.roleTrn);
  const tokenFile = options.tokenFile ?? env(OIDC_ENV.tokenFile);
  const source = `OIDC ${roleTrn ?? '(no role)'}`;
  const fail = (reason: string, cause?: unknown): never => {
    throw new VolcCredentialsError([{ source, reason }], cause === undefined ? undefined : { cause });
  };
  const endpoint = options.stsConfig?.endpoint ?? env(OIDC_ENV.stsEndpoint);
  const sts = new StsBaseClient({ ...options.stsConfig, ...(endpoint ? { endpoint } : {}) });
  const sessionName = options.roleSessionName ?? env(OIDC_ENV.roleSessionName);
  const policy = options.policy ?? env(OIDC_ENV.policy);

  const fetchCredentials = async (): Promise<Credentials> => {
    if (!roleTrn) return fail(`no roleTrn given and ${OIDC_ENV.roleTrn} is not set`);
    if (!tokenFile) return fail(`no tokenFile given and ${OIDC_ENV.tokenFile} is not set`);
    let token: string;
    try {
      token = (await readSmallFile(tokenFile, false)).trim();
    } catch (error) {
      return fail(`token file ${tokenFile} ${fileFailure(error)}`);
    }
    if (!token) return fail(`token file ${tokenFile} is empty`);
    let result: Awaited<ReturnType<typeof assumeRoleWithOIDC>>;
    try {
      result = await assumeRoleWithOIDC(sts, {
        RoleTrn: roleTrn,
        RoleSessionName: sessionName ?? `volc-ts-${Date.now()}`,
        OIDCToken: token,
        ...(options.durationSeconds !== undefined ? { DurationSeconds: options.durationSeconds } : {}),
        ...(policy !== undefined ? { Policy: policy } : {}),
      });
    } catch (error) {
      const { code, requestId } = error as { code?: string; requestId?: string };
      return fail(
        code
          ? `STS AssumeRoleWithOIDC answered ${code}${requestId ? ` (RequestId ${requestId})` : ''}`
          : (error as Error).message.slice(0, 200),
        error,
      );
    }
    const unusable = expiryProblem('Expiration', result.Credentials?.Expiration);
    if (unusable)
      return fail(
        `STS AssumeRoleWithOIDC (RequestId ${result.$metadata.RequestId}) returned unusable credentials: ${unusable}`,
      );
    const credentials = issuedCredentials(result.Credentials, result.Credentials?.Expiration);
    if (!credentials) {
      return fail(`STS AssumeRoleWithOIDC (RequestId ${result.$metadata.RequestId}) returned no complete credentials`);
    }
    return credentials;
  };
  // A failing STS is not asked again before a wait that doubles while it keeps failing (1 s up to 60 s).
  return cachedCredentials(fetchCredentials, {
    backoff: true,
    ...(options.refreshBefore === undefined ? {} : { refreshBefore: options.refreshBefore }),
  });
}
