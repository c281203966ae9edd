import { defaultCredentialChain } from './chain.js';
import { fromStatic } from './static.js';
import { assumeRoleProvider, type StsCallOptions } from './sts.js';
import type { Credentials, CredentialsProvider } from './types.js';

export interface AssumeRoleOptions extends StsCallOptions {
  /** TRN of the role: `trn:iam::<account ID>:role/<role name>`. */
  readonly roleTrn: string;
  /** Name of the session, shown in audit logs. @default `volc-ts-<epoch ms>` */
  readonly roleSessionName?: string;
  /** Lifetime of the temporary credentials in seconds, 900 to 43200. @default STS's own, 3600 */
  readonly durationSeconds?: number;
  /** An inline policy (JSON text) that narrows what the temporary credentials may do. */
  readonly policy?: string;
  /**
   * Credentials that sign the AssumeRole call. @default the default chain (environment, OIDC, CLI profile,
   * instance role), made with this provider's `fetch`
   */
  readonly sourceCredentials?: Credentials | CredentialsProvider;
  /** Fetch new credentials this many ms before the current ones expire. @default 300000 (5 minutes) */
  readonly refreshBefore?: number;
  /** Names the source in errors. @default `STS AssumeRole <roleTrn>` */
  readonly sourceName?: string;
}

/**
 * Temporary credentials of a role, from STS AssumeRole signed with `sourceCredentials`. Cached and fetched
 * again `refreshBefore` ms before they expire; concurrent callers share one request; after a failure STS is
 * not asked again before a wait that doubles (1 s up to 60 s). Core's own STS call: no service package needed.
 *
 * @throws {VolcCredentialsError} naming the role: no source credentials, or STS refused (code and request id), or
 *   its answer held no usable credentials; never a secret
 * @example
 * ```ts
 * const client = new RedisClient({ credentials: fromAssumeRole({ roleTrn: 'trn:iam::2100000000:role/ReadOnly' }) });
 * ```
 */
export function fromAssumeRole(options: AssumeRoleOptions): CredentialsProvider {
  const given = options.sourceCredentials;
  const signer =
    typeof given === 'function'
      ? given
      : given
        ? fromStatic(given)
        : defaultCredentialChain(options.fetch ? { fetch: options.fetch } : {});
  return assumeRoleProvider(options, signer, options.sourceName ?? `STS AssumeRole ${options.roleTrn}`, options);
}
