import { VolcCredentialsError } from '../errors/credentials-error.js';
import { readEnv } from '../runtime.js';
import { cachedCredentials } from './cache.js';
import { readFailure, readTextFile } from './cli-config.js';
import { requestStsCredentials, type StsCallOptions } from './sts.js';
import type { Credentials, CredentialsProvider } from './types.js';

export interface OIDCOptions extends StsCallOptions {
  /** TRN of the role: `trn:iam::<account ID>:role/<role name>`. @default env `VOLCENGINE_OIDC_ROLE_TRN` */
  readonly roleTrn?: string;
  /**
   * Path of the OIDC token (a JWT), read again at every refresh since Kubernetes rotates it.
   * @default env `VOLCENGINE_OIDC_TOKEN_FILE`
   */
  readonly tokenFile?: string;
  /** Session name shown in audit logs. @default env `VOLCENGINE_OIDC_ROLE_SESSION_NAME`, else `volc-ts-<epoch ms>` */
  readonly roleSessionName?: string;
  /** Inline policy (JSON text) that narrows the role's rights. @default env `VOLCENGINE_OIDC_ROLE_POLICY` */
  readonly policy?: string;
  /** Lifetime of the credentials in seconds, 900 to 43200. @default 3600 */
  readonly durationSeconds?: number;
  /** STS endpoint: a URL or `host[:port]`. @default env `VOLCENGINE_OIDC_STS_ENDPOINT`, else `https://sts.volcengineapi.com` */
  readonly endpoint?: string;
  /** Refresh this many ms before expiry. @default 300000 */
  readonly refreshBefore?: number;
  /** Names the source in errors. @default `OIDC <roleTrn>`, or `OIDC from environment` while the role is unknown */
  readonly sourceName?: string;
}

/**
 * Options of {@link fromOidcTokenFile}: {@link OIDCOptions} with the role and the token file required.
 * @deprecated Use {@link OIDCOptions} with {@link fromOIDC}; this name goes in the next minor version.
 */
export interface OidcTokenFileOptions extends OIDCOptions {
  readonly roleTrn: string;
  readonly tokenFile: string;
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

/** Environment variables of the OIDC source, as Volcengine's SDKs read them. */
export const OIDC_ENV = {
  roleTrn: 'VOLCENGINE_OIDC_ROLE_TRN',
  tokenFile: 'VOLCENGINE_OIDC_TOKEN_FILE',
  roleSessionName: 'VOLCENGINE_OIDC_ROLE_SESSION_NAME',
  policy: 'VOLCENGINE_OIDC_ROLE_POLICY',
  stsEndpoint: 'VOLCENGINE_OIDC_STS_ENDPOINT',
} as const;

/** The source name of OIDC settings read from the environment (the default chain's second step). */
export const OIDC_ENV_SOURCE = 'OIDC from environment';

/** Why the role or the token file is unknown; undefined when both are. */
function missingSetting(options: OIDCOptions, roleTrn?: string, tokenFile?: string): string | undefined {
  if (roleTrn && tokenFile) return undefined;
  if (options.roleTrn === undefined && options.tokenFile === undefined) {
    // Both from the environment: name the variables as the Kubernetes setup knows them.
    if (!roleTrn && !tokenFile) return `${OIDC_ENV.roleTrn} and ${OIDC_ENV.tokenFile} are not set`;
    return roleTrn
      ? `${OIDC_ENV.roleTrn} is set but ${OIDC_ENV.tokenFile} is not`
      : `${OIDC_ENV.tokenFile} is set but ${OIDC_ENV.roleTrn} is not`;
  }
  return roleTrn
    ? `no tokenFile given and ${OIDC_ENV.tokenFile} is not set`
    : `no roleTrn given and ${OIDC_ENV.roleTrn} is not set`;
}

/**
 * Temporary credentials of a role from STS AssumeRoleWithOIDC, for pods on VKE with a projected
 * service-account token. Each setting left out is read from its environment variable at the first call
 * (`VOLCENGINE_OIDC_ROLE_TRN`, `VOLCENGINE_OIDC_TOKEN_FILE`, `VOLCENGINE_OIDC_ROLE_SESSION_NAME`,
 * `VOLCENGINE_OIDC_ROLE_POLICY`, `VOLCENGINE_OIDC_STS_ENDPOINT`); the token file is read at every refresh.
 * The call is unsigned (the token is the proof). Cached; concurrent callers share one request; refreshed
 * `refreshBefore` ms before expiry; after a failure STS is not asked again before a wait that doubles.
 * Core's own STS call: no service package needed. The default chain's second step is `fromOIDC()`.
 *
 * @throws {VolcCredentialsError} no role or token file, the token file is missing or empty, or STS refused
 *   (code and request id); never the token
 * @example
 * ```ts
 * const client = new RedisClient({ credentials: fromOIDC() }); // VOLCENGINE_OIDC_ROLE_TRN + VOLCENGINE_OIDC_TOKEN_FILE
 * ```
 */
export function fromOIDC(options: OIDCOptions = {}): CredentialsProvider {
  let provider: CredentialsProvider | undefined;
  return async (request) => {
    // Settled at the first call that finds a role and a token file; until then each call looks again.
    if (!provider) {
      const roleTrn = options.roleTrn || readEnv(OIDC_ENV.roleTrn);
      const tokenFile = options.tokenFile || readEnv(OIDC_ENV.tokenFile);
      const missing = missingSetting(options, roleTrn, tokenFile);
      if (missing) {
        const source = options.sourceName ?? (options.roleTrn ? `OIDC ${options.roleTrn}` : OIDC_ENV_SOURCE);
        throw new VolcCredentialsError([{ source, reason: missing }]);
      }
      provider = tokenFileProvider(options, roleTrn!, tokenFile!);
    }
    return provider(request);
  };
}

function tokenFileProvider(options: OIDCOptions, roleTrn: string, tokenFile: string): CredentialsProvider {
  const source = options.sourceName ?? `OIDC ${roleTrn}`;
  const sessionName = options.roleSessionName ?? readEnv(OIDC_ENV.roleSessionName);
  const policy = options.policy ?? readEnv(OIDC_ENV.policy);
  const endpoint = options.endpoint ?? readEnv(OIDC_ENV.stsEndpoint);
  const sts = { ...options, ...(endpoint ? { endpoint } : {}) };
  const fetchCredentials = async (): Promise<Credentials> => {
    const token = await readOidcToken(tokenFile, source);
    return requestStsCredentials(
      'AssumeRoleWithOIDC',
      {
        RoleTrn: roleTrn,
        RoleSessionName: sessionName || `volc-ts-${Date.now()}`,
        OIDCToken: token,
        DurationSeconds: options.durationSeconds ?? 3600,
        Policy: policy,
      },
      undefined,
      source,
      sts,
    );
  };
  return cachedCredentials(fetchCredentials, {
    backoff: true,
    ...(options.refreshBefore === undefined ? {} : { refreshBefore: options.refreshBefore }),
  });
}

/**
 * AssumeRoleWithOIDC with the token read from a file at each refresh.
 * @deprecated Use {@link fromOIDC}, which takes the same options; this name goes in the next minor version.
 */
export function fromOidcTokenFile(options: OidcTokenFileOptions): CredentialsProvider {
  return fromOIDC(options);
}

/**
 * AssumeRoleWithOIDC with every setting from the environment, named `OIDC from environment` in errors.
 * @deprecated Use {@link fromOIDC} (`fromOIDC()` reads the same variables); this name goes in the next minor version.
 */
export function fromOidcEnv(
  options: Omit<OIDCOptions, 'roleTrn' | 'tokenFile' | 'endpoint'> = {},
): CredentialsProvider {
  return fromOIDC({ sourceName: OIDC_ENV_SOURCE, ...options });
}
