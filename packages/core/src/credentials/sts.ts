/**
 * The one STS path of the SDK: AssumeRole (`fromAssumeRole`, `RamRoleArn` and legacy `assume-role`
 * profiles) and AssumeRoleWithOIDC (`fromOIDC`, `OIDC` profiles), made with core's own serializer, signer
 * and HTTP path. Core never imports the generated STS package, and `@volc-ts/credential-providers` builds
 * on these providers rather than calling STS itself.
 */
import type { HttpResponse } from '../transport/types.js';
import { resolveEndpoint } from '../endpoint.js';
import { echoedForms, secretValuesOf, withoutKnownSecrets } from '../known-secrets.js';
import { capText } from '../redact.js';
import { VolcCredentialsError } from '../errors/credentials-error.js';
import { signRequestDetailed } from '../signing/sign-request.js';
import { parseEnvelope } from '../transport/envelope-error.js';
import { serializeForm } from '../transport/serialize-flat.js';
import { cachedCredentials } from './cache.js';
import { describeHttpFailure, sendCredentialRequest, type CredentialHttpOptions } from './http.js';
import type { Credentials, CredentialsProvider } from './types.js';

/** STS API version of both actions. */
export const STS_VERSION = '2018-01-01';
/** Limit of one STS exchange in ms. */
export const STS_TIMEOUT = 10_000;

export interface StsCallOptions extends CredentialHttpOptions {
  /** STS endpoint: a URL or `host[:port]`. @default `https://sts.volcengineapi.com` */
  readonly endpoint?: string;
  /** Limit of the exchange in ms. @default 10000 */
  readonly timeout?: number;
}

/**
 * Calls an STS action that returns `Result.Credentials` and turns them into {@link Credentials}.
 * Signed with `signer` when given; AssumeRoleWithOIDC is sent unsigned (the OIDC token is the proof).
 *
 * @param source names the credential source in errors, such as `profile "dev" (RamRoleArn)`
 * @throws {VolcCredentialsError} naming `source`, with the STS error code and request id, never a secret
 */
export async function requestStsCredentials(
  action: 'AssumeRole' | 'AssumeRoleWithOIDC',
  params: Readonly<Record<string, string | number | undefined>>,
  signer: Credentials | undefined,
  source: string,
  options: StsCallOptions = {},
): Promise<Credentials> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new VolcCredentialsError([{ source, reason }], cause === undefined ? undefined : { cause });
  };
  const endpoint = resolveEndpoint({
    service: 'sts',
    region: 'cn-beijing',
    global: true,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const input = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined && value !== ''));
  const request = serializeForm({ action, version: STS_VERSION, method: 'POST' }, input);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': request.contentType ?? 'application/x-www-form-urlencoded',
  };
  if (signer) {
    const signed = await signRequestDetailed(
      {
        method: 'POST',
        host: endpoint.host,
        path: endpoint.path,
        canonicalQuery: request.queryString,
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      signer,
      { service: 'sts', region: endpoint.signingRegion },
    );
    Object.assign(headers, signed.headers);
  }
  let response: HttpResponse;
  try {
    response = await sendCredentialRequest(
      {
        url: `${endpoint.url}${endpoint.path}?${request.queryString}`,
        method: 'POST',
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        timeout: options.timeout ?? STS_TIMEOUT,
      },
      options,
    );
  } catch (error) {
    return fail(`STS ${action} failed: ${describeHttpFailure(error)}`, error);
  }
  // The signer's secret and token and the OIDC token are replaced wherever STS quotes them back.
  const secrets = echoedForms([signer?.secretAccessKey, signer?.sessionToken, ...secretValuesOf(params)]);
  const parsed = parseEnvelope(withoutKnownSecrets(response, secrets), {
    action,
    version: STS_VERSION,
    service: 'sts',
  });
  if (!parsed.ok) {
    const error = parsed.error as { code?: string; requestId?: string; message: string };
    const detail = error.code ? capText(error.code, 200) : `an unreadable response (HTTP ${response.status})`;
    return fail(
      `STS ${action} answered ${detail}${error.requestId ? ` (RequestId ${error.requestId})` : ''}`,
      parsed.error,
    );
  }
  const issued = (parsed.result as { Credentials?: Record<string, unknown> }).Credentials;
  const accessKeyId = issued?.AccessKeyId;
  const secretAccessKey = issued?.SecretAccessKey;
  const sessionToken = issued?.SessionToken;
  if (
    typeof accessKeyId !== 'string' ||
    typeof secretAccessKey !== 'string' ||
    typeof sessionToken !== 'string' ||
    !accessKeyId ||
    !secretAccessKey ||
    !sessionToken
  ) {
    return fail(`STS ${action} (RequestId ${parsed.metadata.RequestId}) returned no complete credentials`);
  }
  const expiration = checkedExpiration(issued?.ExpiredTime ?? issued?.Expiration, 'ExpiredTime', (reason) =>
    fail(`STS ${action} (RequestId ${parsed.metadata.RequestId}) returned unusable credentials: ${reason}`),
  );
  return { accessKeyId, secretAccessKey, sessionToken, ...(expiration ? { expiration } : {}) };
}

/** What an AssumeRole call asks for. */
export interface AssumeRoleParams {
  readonly roleTrn: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
  readonly policy?: string;
}

/**
 * The AssumeRole provider every AssumeRole source builds on: the credentials of `signer` sign the call,
 * the answer is cached and refreshed `refreshBefore` ms before it expires, concurrent callers share one
 * request, and a failing STS is not asked again before a wait that doubles (1 s up to 60 s).
 *
 * @param source names the source in errors, such as `STS AssumeRole <role>` or `profile "dev" (RamRoleArn)`
 */
export function assumeRoleProvider(
  params: AssumeRoleParams,
  signer: CredentialsProvider,
  source: string,
  options: StsCallOptions & { readonly refreshBefore?: number | undefined } = {},
): CredentialsProvider {
  const fetchCredentials = async (): Promise<Credentials> => {
    let signing: Credentials;
    try {
      signing = await signer();
    } catch (error) {
      const tried = (error as { tried?: readonly { source: string; reason: string }[] }).tried;
      const reasons = Array.isArray(tried)
        ? tried.map((t) => `${t.source}: ${t.reason}`).join('; ')
        : capText(error instanceof Error ? error.message : String(error), 200);
      throw new VolcCredentialsError([{ source, reason: `no credentials to call STS with (${reasons})` }], {
        cause: error,
      });
    }
    return requestStsCredentials(
      'AssumeRole',
      {
        RoleTrn: params.roleTrn,
        RoleSessionName: params.roleSessionName ?? `volc-ts-${Date.now()}`,
        DurationSeconds: params.durationSeconds,
        Policy: params.policy,
      },
      signing,
      source,
      options,
    );
  };
  return cachedCredentials(fetchCredentials, {
    backoff: true,
    ...(options.refreshBefore === undefined ? {} : { refreshBefore: options.refreshBefore }),
  });
}

/** An RFC 3339 time, or a Unix time in s/ms/us/ns; undefined when absent or unreadable. */
export function parseExpiration(value: unknown): Date | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim())))
    return unixTimeToDate(Number(value));
  if (typeof value !== 'string' || !value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * A Unix time whose unit is read from its size, as the volcengine CLI writes `sts-expiration`:
 * >= 1e18 nanoseconds, >= 1e15 microseconds, >= 1e12 milliseconds, else seconds. Undefined for <= 0.
 */
export function unixTimeToDate(value: number): Date | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const ms = value >= 1e18 ? value / 1e6 : value >= 1e15 ? value / 1e3 : value >= 1e12 ? value : value * 1000;
  const date = new Date(Math.floor(ms));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The latest expiry accepted: the end of year 9999 (later times are not credentials' lifetimes). */
const LATEST_EXPIRY = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * The expiry of credentials a source just issued: undefined when the source sent none. A value that is no
 * usable time (`1e300`, `"soon"`, `-5`, past year 9999) or a time already past is refused through `fail`
 * with a reason such as `ExpiredTime 1e+300 is not a time` or `expired at 2020-01-01T00:00:00.000Z, before
 * they were used`: expired credentials are never handed out, and an Invalid Date never reaches a cache.
 */
export function checkedExpiration(
  value: unknown,
  member: string,
  fail: (reason: string) => never,
  now: number = Date.now(),
): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = parseExpiration(value);
  if (!date || date.getTime() > LATEST_EXPIRY)
    return fail(`${member} ${JSON.stringify(value)?.slice(0, 40) ?? String(value)} is not a time`);
  if (date.getTime() <= now)
    return fail(`expired at ${date.toISOString()}, before they were used (is this machine's clock right?)`);
  return date;
}
