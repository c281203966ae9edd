import {
  cachedCredentials,
  defaultCredentialChain,
  fromStatic,
  VolcCredentialsError,
  type ClientConfig,
  type Credentials,
  type CredentialsProvider,
} from '@volc-ts/core';
import { assumeRole, StsBaseClient } from '@volc-ts/sts';
import { expiryProblem, issuedCredentials } from './issued.js';

export interface AssumeRoleOptions {
  /** TRN of the role: `trn:iam::<account ID>:role/<role name>`. */
  readonly roleTrn: string;
  /** Name of the session, shown in audit logs. @default `volc-ts-<time>` */
  readonly roleSessionName?: string;
  /** Lifetime of the temporary credentials in seconds, 900 to 43200. @default 3600 */
  readonly durationSeconds?: number;
  /** An inline policy (JSON text) that narrows what the temporary credentials may do. */
  readonly policy?: string;
  /** Credentials that call STS. @default the core's default chain (environment, OIDC, CLI profile, instance role) */
  readonly sourceCredentials?: Credentials | CredentialsProvider;
  /** Settings of the STS client (endpoint, fetch, timeout, logger, ...). */
  readonly stsConfig?: Omit<ClientConfig, 'credentials'>;
  /** Fetch new credentials this many ms before the current ones expire. @default 300000 (5 minutes) */
  readonly refreshBefore?: number;
}

/**
 * Temporary credentials of a role, from STS AssumeRole. They are cached and fetched again shortly before
 * they expire; concurrent callers share one request.
 *
 * @example
 * ```ts
 * const client = new RedisClient({ credentials: fromAssumeRole({ roleTrn: 'trn:iam::2100000000:role/ReadOnly' }) });
 * ```
 */
export function fromAssumeRole(options: AssumeRoleOptions): CredentialsProvider {
  const source = options.sourceCredentials ?? defaultCredentialChain();
  const sts = new StsBaseClient({
    ...options.stsConfig,
    credentials: typeof source === 'function' ? source : fromStatic(source),
  });
  const describe = `STS AssumeRole ${options.roleTrn}`;

  const fetchCredentials = async (): Promise<Credentials> => {
    let result: Awaited<ReturnType<typeof assumeRole>>;
    try {
      result = await assumeRole(sts, {
        RoleTrn: options.roleTrn,
        RoleSessionName: options.roleSessionName ?? `volc-ts-${Date.now()}`,
        ...(options.durationSeconds !== undefined ? { DurationSeconds: options.durationSeconds } : {}),
        ...(options.policy !== undefined ? { Policy: options.policy } : {}),
      });
    } catch (error) {
      throw new VolcCredentialsError([{ source: describe, reason: (error as Error).message }], { cause: error });
    }
    const unusable = expiryProblem('ExpiredTime', result.Credentials?.ExpiredTime);
    if (unusable) {
      throw new VolcCredentialsError([
        {
          source: describe,
          reason: `the response (RequestId ${result.$metadata.RequestId}) holds unusable credentials: ${unusable}`,
        },
      ]);
    }
    const credentials = issuedCredentials(result.Credentials, result.Credentials?.ExpiredTime);
    if (!credentials) {
      throw new VolcCredentialsError([
        {
          source: describe,
          reason: `the response (RequestId ${result.$metadata.RequestId}) holds no complete credentials`,
        },
      ]);
    }
    return credentials;
  };

  // A failing STS is not asked again before a wait that doubles while it keeps failing (1 s up to 60 s).
  return cachedCredentials(fetchCredentials, {
    backoff: true,
    ...(options.refreshBefore === undefined ? {} : { refreshBefore: options.refreshBefore }),
  });
}
