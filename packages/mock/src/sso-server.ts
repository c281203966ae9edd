/**
 * A local stand-in for Volcengine Cloud Identity's OAuth (`/token`) and portal
 * (`/federation/credentials`) endpoints, on one loopback server, for testing `sso` profiles.
 */
import { randomBytes } from 'node:crypto';
import { newTemporaryCredentials, type IssuedCredentials } from './credentials.js';
import { listenLocal, type SeenRequest } from './listen.js';

export interface SsoServerOptions {
  /** Issues role credentials; pass a mock's `issueCredentials` so that mock accepts them. @default random keys valid for 1 hour */
  readonly issue?: () => IssuedCredentials;
  /** The client registration and refresh token the server accepts at `/token`. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly refreshToken?: string;
  /** Access tokens the portal accepts from the start. */
  readonly accessTokens?: readonly string[];
  /** `account_id/role_name` pairs the portal knows. @default every pair */
  readonly roles?: readonly string[];
  readonly host?: string;
  readonly port?: number;
}

export interface SsoServer {
  /** Base URL of both the OAuth and the portal endpoints. */
  readonly url: string;
  readonly requests: readonly SeenRequest[];
  /** Makes the portal accept `token` (as after a login). */
  acceptAccessToken(token: string): void;
  close(): Promise<void>;
}

/** Starts the SSO stand-in on a free loopback port. */
export async function startSsoServer(options: SsoServerOptions = {}): Promise<SsoServer> {
  const issue = options.issue ?? (() => newTemporaryCredentials(3600, Date.now()));
  const accessTokens = new Set(options.accessTokens ?? []);
  let refreshToken = options.refreshToken ?? 'mock-refresh-token';
  const requests: SeenRequest[] = [];
  const json = (status: number, value: unknown) => ({ status, body: JSON.stringify(value) });

  const server = await listenLocal(
    (request, url) => {
      if (url.pathname === '/token' && request.method === 'POST') {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(request.body) as Record<string, unknown>;
        } catch {
          return json(400, { error: 'invalid_request' });
        }
        if (body.grant_type !== 'refresh_token') return json(400, { error: 'unsupported_grant_type' });
        if (
          (options.clientId && body.client_id !== options.clientId) ||
          (options.clientSecret && body.client_secret !== options.clientSecret)
        ) {
          return json(401, { error: 'invalid_client' });
        }
        if (body.refresh_token !== refreshToken) return json(400, { error: 'invalid_grant' });
        const access = `mock-access-${randomBytes(12).toString('hex')}`;
        refreshToken = `mock-refresh-${randomBytes(12).toString('hex')}`;
        accessTokens.add(access);
        return json(200, { access_token: access, expires_in: 3600, refresh_token: refreshToken, token_type: 'Bearer' });
      }
      if (url.pathname === '/federation/credentials' && request.method === 'GET') {
        const token = request.headers['x-bd-cloudidentity-bearer-token'];
        if (typeof token !== 'string' || !accessTokens.has(token))
          return json(401, {
            ResponseMetadata: { Error: { Code: 'InvalidAccessToken', Message: 'unknown access token' } },
          });
        const pair = `${url.searchParams.get('account_id') ?? ''}/${url.searchParams.get('role_name') ?? ''}`;
        if (options.roles && !options.roles.includes(pair))
          return json(404, { ResponseMetadata: { Error: { Code: 'RoleNotFound', Message: `no role ${pair}` } } });
        const { AccessKeyId, SecretAccessKey, SessionToken, ExpiredTime } = issue();
        const Expiration = Math.floor(new Date(ExpiredTime).getTime() / 1000);
        return json(200, {
          ResponseMetadata: { RequestId: randomBytes(8).toString('hex') },
          Result: { RoleCredentials: { AccessKeyId, SecretAccessKey, SessionToken, Expiration } },
        });
      }
      return json(404, { error: 'not found' });
    },
    requests,
    options,
  );

  return {
    url: server.url,
    requests,
    acceptAccessToken: (token) => {
      accessTokens.add(token);
    },
    close: () => server.close(),
  };
}
