import type { HttpResponse } from '../transport/types.js';
/**
 * `sso` profiles, as `volcengine-cli sso login` leaves them: cached STS keys in the profile while they
 * are valid; else the SSO token cache (`<config dir>/sso/cache/<sha1>.json`), whose access token is
 * refreshed when it expired, and role credentials from the Cloud Identity portal.
 */
import { VolcCredentialsError } from '../errors/credentials-error.js';
import { importNodeBuiltin, readEnv } from '../runtime.js';
import type { CliConfig, CliProfile } from './cli-config.js';
import { configDirOf, readTextFile, RefusedFile } from './cli-config.js';
import { describeHttpFailure, sendCredentialRequest, type CredentialHttpOptions } from './http.js';
import { checkedExpiration, parseExpiration } from './sts.js';
import type { Credentials } from './types.js';

export interface SsoOptions extends CredentialHttpOptions {
  /** OAuth base URL. @default env `VOLCENGINE_SSO_OAUTH_ENDPOINT`, else `https://cloudidentity-oauth.<region>.volces.com` */
  readonly oauthEndpoint?: string;
  /** Portal base URL. @default env `VOLCENGINE_SSO_PORTAL_ENDPOINT`, else `https://cloudidentity-portal.<region>.volces.com` */
  readonly portalEndpoint?: string;
  /** Limit of each request in ms. @default 10000 */
  readonly timeout?: number;
}

/** What `sso login` caches for one SSO session. */
interface TokenCache {
  start_url?: string;
  session_name?: string;
  access_token?: string;
  expires_at?: string;
  client_id?: string;
  client_secret?: string;
  refresh_token?: string;
  region?: string;
  [other: string]: unknown;
}

interface NodeFsPromises {
  writeFile(path: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}
interface NodeCrypto {
  createHash(algorithm: string): { update(data: string): { digest(encoding: 'hex'): string } };
}

/** Name of the cache file: sha1 hex of the compact JSON `{"start_url":...,"session_name":...}`. */
export async function ssoCacheFileName(startUrl: string, sessionName: string): Promise<string> {
  const crypto = await importNodeBuiltin<NodeCrypto>('node:crypto');
  if (!crypto) throw new Error('node:crypto is not available');
  return `${crypto
    .createHash('sha1')
    .update(JSON.stringify({ start_url: startUrl, session_name: sessionName }))
    .digest('hex')}.json`;
}

const SKEW_MS = 60_000;
/** Longest SSO access token lifetime accepted from the OAuth service, in seconds (a year). */
const MAX_TOKEN_LIFETIME_S = 366 * 24 * 3600;

/** Credentials of an `sso` profile. @throws {VolcCredentialsError} naming `source`, and telling to run the CLI's login when no token is usable */
export async function ssoProfileCredentials(
  profile: CliProfile,
  profileName: string,
  config: CliConfig,
  configPath: string,
  source: string,
  options: SsoOptions = {},
): Promise<Credentials> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new VolcCredentialsError([{ source, reason }], cause === undefined ? undefined : { cause });
  };
  const login = `run \`volcengine-cli sso login --profile ${profileName}\``;

  // 1. The STS keys the CLI cached in the profile, while they last.
  const cachedExpiry = parseExpiration(profile['sts-expiration']);
  if (
    profile['access-key'] &&
    profile['secret-key'] &&
    profile['session-token'] &&
    cachedExpiry &&
    cachedExpiry.getTime() - SKEW_MS > Date.now()
  ) {
    return {
      accessKeyId: profile['access-key'].trim(),
      secretAccessKey: profile['secret-key'].trim(),
      sessionToken: profile['session-token'].trim(),
      expiration: cachedExpiry,
    };
  }

  // 2. The SSO token cache.
  const sessionName = profile['sso-session-name'];
  const accountId = profile['account-id'];
  const roleName = profile['role-name'];
  if (!sessionName) return fail(`sso profile has no sso-session-name; ${login}`);
  if (!accountId || !roleName) return fail(`sso profile needs account-id and role-name; ${login}`);
  const session = config['sso-session']?.[sessionName];
  const startUrl = session?.['start-url'];
  if (!startUrl) return fail(`sso-session "${sessionName}" has no start-url; ${login}`);
  const region = session?.region || 'cn-beijing';

  const fs = (await importNodeBuiltin<{ promises: NodeFsPromises }>('node:fs'))?.promises;
  if (!fs) return fail('files cannot be read in this runtime');
  const cachePath = `${configDirOf(configPath)}/sso/cache/${await ssoCacheFileName(startUrl, sessionName)}`;
  let cache: TokenCache;
  try {
    cache = JSON.parse(await readTextFile(cachePath)) as TokenCache;
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    if (error instanceof RefusedFile) return fail(`the SSO token cache ${cachePath} ${error.message}; ${login}`);
    return fail(`${missing ? 'no SSO token cache' : 'the SSO token cache is malformed'} (${cachePath}); ${login}`);
  }
  if (typeof cache !== 'object' || cache === null || typeof cache.access_token !== 'string')
    return fail(`the SSO token cache is malformed (${cachePath}); ${login}`);

  const timeout = options.timeout ?? 10_000;
  let accessToken = cache.access_token as string;
  const tokenExpiry = parseExpiration(cache.expires_at);
  if (!tokenExpiry || tokenExpiry.getTime() - SKEW_MS <= Date.now()) {
    if (!cache.refresh_token || !cache.client_id || !cache.client_secret)
      return fail(`the SSO access token expired and cannot be refreshed; ${login}`);
    const oauth = (
      options.oauthEndpoint ??
      readEnv('VOLCENGINE_SSO_OAUTH_ENDPOINT') ??
      `https://cloudidentity-oauth.${region}.volces.com`
    ).replace(/\/+$/, '');
    let response: HttpResponse;
    try {
      response = await sendCredentialRequest(
        {
          url: `${oauth}/token`,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({
            grant_type: 'refresh_token',
            client_id: cache.client_id,
            client_secret: cache.client_secret,
            refresh_token: cache.refresh_token,
          }),
          timeout,
        },
        options,
      );
    } catch (error) {
      return fail(`refreshing the SSO access token failed: ${describeHttpFailure(error)}`, error);
    }
    const body = safeJson(response.text);
    const fresh = body?.access_token;
    if (response.status !== 200 || typeof fresh !== 'string' || !fresh)
      return fail(`refreshing the SSO access token answered HTTP ${response.status}; ${login}`);
    // A lifetime no date can hold (1e308 s) or that makes no sense is refused, never turned into a RangeError.
    const expiresIn = body?.expires_in === undefined || body.expires_in === null ? 3600 : Number(body.expires_in);
    if (!Number.isFinite(expiresIn) || expiresIn <= 0 || expiresIn > MAX_TOKEN_LIFETIME_S)
      return fail(
        `refreshing the SSO access token answered an expires_in of ${String(body?.expires_in).slice(0, 40)}, ` +
          `not a lifetime in seconds up to ${MAX_TOKEN_LIFETIME_S}; ${login}`,
      );
    accessToken = fresh as string;
    const updated: TokenCache = {
      ...cache,
      access_token: accessToken,
      expires_at: new Date(Date.now() + expiresIn * 1000).toISOString(),
      ...(typeof body?.refresh_token === 'string' && body.refresh_token ? { refresh_token: body.refresh_token } : {}),
    };
    // Written back atomically, like the CLI: a half-written cache would log the user out.
    const temporary = `${cachePath}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fs.writeFile(temporary, JSON.stringify(updated), { encoding: 'utf8', mode: 0o600 });
      await fs.rename(temporary, cachePath);
    } catch {
      // The new token still works for this process; the next login fixes the cache.
    }
  }

  const portal = (
    options.portalEndpoint ??
    readEnv('VOLCENGINE_SSO_PORTAL_ENDPOINT') ??
    `https://cloudidentity-portal.${region}.volces.com`
  ).replace(/\/+$/, '');
  let response: HttpResponse;
  try {
    response = await sendCredentialRequest(
      {
        url: `${portal}/federation/credentials?account_id=${encodeURIComponent(accountId)}&role_name=${encodeURIComponent(roleName)}`,
        method: 'GET',
        headers: { 'x-bd-cloudidentity-bearer-token': accessToken, Accept: 'application/json' },
        timeout,
      },
      options,
    );
  } catch (error) {
    return fail(`the SSO portal failed: ${describeHttpFailure(error)}`, error);
  }
  if (response.status === 401 || response.status === 403)
    return fail(`the SSO portal refused the access token (HTTP ${response.status}); ${login}`);
  const role = (safeJson(response.text)?.Result as { RoleCredentials?: Record<string, unknown> } | undefined)
    ?.RoleCredentials;
  const { AccessKeyId, SecretAccessKey, SessionToken } = role ?? {};
  if (
    response.status !== 200 ||
    typeof AccessKeyId !== 'string' ||
    typeof SecretAccessKey !== 'string' ||
    typeof SessionToken !== 'string'
  ) {
    return fail(
      `the SSO portal gave no credentials for role "${roleName}" in account ${accountId} (HTTP ${response.status})`,
    );
  }
  const expiration = checkedExpiration(role?.Expiration, 'Expiration', (reason) =>
    fail(`the SSO portal gave unusable credentials for role "${roleName}": ${reason}`),
  );
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    ...(expiration ? { expiration } : {}),
  };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
