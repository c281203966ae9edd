import { VolcCredentialsError } from '../errors/credentials-error.js';
import { readEnv } from '../runtime.js';
import { cachedCredentials } from './cache.js';
import { describeHttpFailure, sendCredentialRequest, type CredentialHttpOptions } from './http.js';
import { checkedExpiration } from './sts.js';
import type { Credentials, CredentialsProvider } from './types.js';

/** Where ECS serves instance metadata. */
export const DEFAULT_METADATA_ENDPOINT = 'http://100.96.0.96';
/** Environment variable with another metadata base URL (a loopback server in tests). */
export const METADATA_ENDPOINT_ENV = 'VOLCENGINE_ECS_METADATA_ENDPOINT';
/** `true` skips the instance role in the default chain, as in Volcengine's SDKs. */
export const METADATA_DISABLED_ENV = 'VOLCENGINE_ECS_METADATA_DISABLED';
/** Environment variable naming the role, which saves the discovery request. */
export const METADATA_ROLE_ENV = 'VOLCENGINE_ECS_METADATA';

export const INSTANCE_ROLE_SOURCE = 'ECS instance role';

export interface InstanceMetadataOptions extends CredentialHttpOptions {
  /** Metadata base URL. @default env `VOLCENGINE_ECS_METADATA_ENDPOINT`, else `http://100.96.0.96` */
  readonly endpoint?: string;
  /** Role attached to the instance. @default env `VOLCENGINE_ECS_METADATA`, else the first role the instance lists */
  readonly roleName?: string;
  /** Limit of each metadata request in ms. @default 1000 */
  readonly timeout?: number;
  /** Tries per request; the first request is tried once when nothing answers, so a machine off ECS waits one `timeout`. @default 3 */
  readonly maxAttempts?: number;
  /** Refresh this many ms before the credentials expire. @default 300000 */
  readonly refreshBefore?: number;
}

/** True when `VOLCENGINE_ECS_METADATA_DISABLED` is `true` (any case). */
export function instanceMetadataDisabled(): boolean {
  return readEnv(METADATA_DISABLED_ENV)?.trim().toLowerCase() === 'true';
}

const TOKEN_TTL_SECONDS = '21600';

class Unreachable extends Error {}

/**
 * Temporary credentials of the role attached to an ECS instance, from the instance metadata service:
 * a session token (`GET /latest/api/token`), the role name (option, env, or
 * `GET /volcstack/latest/iam/security_credentials?type=user`), then
 * `POST /volcstack/latest/iam/security_credentials/<role>`. Cached, one refresh for concurrent callers,
 * refreshed `refreshBefore` ms before expiry.
 *
 * When the first request gets no answer (not on ECS), it fails after one `timeout` (1 s) and the
 * provider remembers it, so later calls fail at once.
 *
 * @throws {VolcCredentialsError} source "ECS instance role": unreachable, no role attached, or the role is unknown
 */
export function fromInstanceMetadata(options: InstanceMetadataOptions = {}): CredentialsProvider {
  const timeout = options.timeout ?? 1000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  let unreachable: string | undefined;

  const fetchCredentials = async (): Promise<Credentials> => {
    const base = (options.endpoint ?? readEnv(METADATA_ENDPOINT_ENV) ?? DEFAULT_METADATA_ENDPOINT).replace(/\/+$/, '');
    const fail = (reason: string, cause?: unknown): never => {
      throw new VolcCredentialsError(
        [{ source: INSTANCE_ROLE_SOURCE, reason }],
        cause === undefined ? undefined : { cause },
      );
    };
    if (unreachable) return fail(unreachable);

    const request = async (method: 'GET' | 'POST', path: string, headers: Record<string, string>, first: boolean) => {
      let lastError: unknown;
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        try {
          const response = await sendCredentialRequest({ url: `${base}${path}`, method, headers, timeout }, options);
          if (response.status >= 500 && attempt < maxAttempts) continue;
          return response;
        } catch (error) {
          lastError = error;
          // Nothing answers the very first request: not on ECS. Do not make the caller wait longer.
          if (first) throw new Unreachable(describeHttpFailure(error), { cause: error });
        }
      }
      return fail(`metadata service at ${base} failed: ${describeHttpFailure(lastError)}`, lastError);
    };

    let token: string;
    try {
      const response = await request(
        'GET',
        '/latest/api/token',
        { 'X-volc-ecs-metadata-token-ttl-seconds': TOKEN_TTL_SECONDS },
        true,
      );
      if (response.status !== 200 || !response.text.trim())
        return fail(`metadata token request answered HTTP ${response.status}`);
      token = response.text.trim();
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      unreachable = `no metadata service at ${base} (${error.message}); not an ECS instance?`;
      return fail(unreachable, error.cause);
    }
    const auth = { 'X-volc-ecs-metadata-token': token };

    let role = options.roleName ?? readEnv(METADATA_ROLE_ENV);
    if (!role) {
      const listed = await request('GET', '/volcstack/latest/iam/security_credentials?type=user', auth, false);
      if (listed.status !== 200) return fail(`listing the instance's roles answered HTTP ${listed.status}`);
      role = firstRole(listed.text);
      if (!role) return fail('no role is attached to this instance');
    }

    const response = await request(
      'POST',
      `/volcstack/latest/iam/security_credentials/${encodeURIComponent(role)}`,
      auth,
      false,
    );
    if (response.status === 404) return fail(`role "${role}" is not attached to this instance (HTTP 404)`);
    if (response.status !== 200) return fail(`credentials of role "${role}" answered HTTP ${response.status}`);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(response.text) as Record<string, unknown>;
    } catch {
      return fail(`credentials of role "${role}" are not valid JSON`);
    }
    const { AccessKeyId, SecretAccessKey, SessionToken } = body ?? {};
    if (
      typeof AccessKeyId !== 'string' ||
      typeof SecretAccessKey !== 'string' ||
      typeof SessionToken !== 'string' ||
      !AccessKeyId ||
      !SecretAccessKey ||
      !SessionToken
    ) {
      fail(`credentials of role "${role}" are incomplete`);
    }
    const expiration = checkedExpiration(body.ExpiredTime ?? body.Expiration, 'ExpiredTime', (reason) =>
      fail(`credentials of role "${role}": ${reason}`),
    );
    return {
      accessKeyId: AccessKeyId as string,
      secretAccessKey: SecretAccessKey as string,
      sessionToken: SessionToken as string,
      ...(expiration ? { expiration } : {}),
    };
  };

  return cachedCredentials(fetchCredentials, {
    backoff: true,
    ...(options.refreshBefore === undefined ? {} : { refreshBefore: options.refreshBefore }),
  });
}

/** The first role of a listing: a JSON array of names, or one name per line. */
function firstRole(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const list = JSON.parse(trimmed) as unknown;
      if (Array.isArray(list))
        return list.find((item): item is string => typeof item === 'string' && item.trim() !== '')?.trim();
    } catch {
      return undefined;
    }
  }
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find(Boolean);
}
