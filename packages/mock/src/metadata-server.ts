/**
 * A local stand-in for the ECS instance metadata service (http://100.96.0.96), so the instance-role
 * provider can be tested on loopback: session token, role listing, role credentials.
 */
import { randomBytes } from 'node:crypto';
import { newTemporaryCredentials, type IssuedCredentials } from './credentials.js';
import { listenLocal, type SeenRequest } from './listen.js';

export interface MetadataServerOptions {
  /** Issues the role's credentials; pass a mock's `issueCredentials` so that mock accepts them. @default random keys valid for 1 hour */
  readonly issue?: () => IssuedCredentials;
  /** Roles attached to the "instance". @default ['EcsRole'] */
  readonly roles?: readonly string[];
  readonly host?: string;
  readonly port?: number;
}

export interface MetadataServer {
  /** Base URL: pass it as `endpoint` of `fromInstanceMetadata` or in `VOLCENGINE_ECS_METADATA_ENDPOINT`. */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: readonly SeenRequest[];
  /** Replaces the attached roles (an empty list: no role attached). */
  setRoles(roles: readonly string[]): void;
  /** Answers the next `times` requests with `status` (a failing metadata service). */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

const TOKEN_TTL_HEADER = 'x-volc-ecs-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-volc-ecs-metadata-token';
const CREDENTIALS_PATH = '/volcstack/latest/iam/security_credentials';

/** Starts the metadata stand-in on a free loopback port. */
export async function startMetadataServer(options: MetadataServerOptions = {}): Promise<MetadataServer> {
  const issue = options.issue ?? (() => newTemporaryCredentials(3600, Date.now()));
  let roles = [...(options.roles ?? ['EcsRole'])];
  const tokens = new Set<string>();
  const requests: SeenRequest[] = [];
  let failures: { status: number; left: number } | undefined;
  const json = (status: number, value: unknown) => ({ status, body: JSON.stringify(value) });

  const server = await listenLocal(
    (request, url) => {
      if (failures && failures.left > 0) {
        failures.left--;
        return { status: failures.status, body: 'metadata service failure', contentType: 'text/plain' };
      }
      if (url.pathname === '/latest/api/token' && request.method === 'GET') {
        if (!request.headers[TOKEN_TTL_HEADER])
          return { status: 400, body: 'missing token TTL header', contentType: 'text/plain' };
        const token = randomBytes(16).toString('hex');
        tokens.add(token);
        return { status: 200, body: token, contentType: 'text/plain' };
      }
      const token = request.headers[TOKEN_HEADER];
      if (typeof token !== 'string' || !tokens.has(token))
        return { status: 401, body: 'missing or unknown metadata token', contentType: 'text/plain' };
      if (url.pathname === CREDENTIALS_PATH && request.method === 'GET') return json(200, roles);
      if (url.pathname.startsWith(`${CREDENTIALS_PATH}/`) && request.method === 'POST') {
        const role = decodeURIComponent(url.pathname.slice(CREDENTIALS_PATH.length + 1));
        if (!roles.includes(role)) return { status: 404, body: 'role not found', contentType: 'text/plain' };
        const { AccessKeyId, SecretAccessKey, SessionToken, ExpiredTime } = issue();
        return json(200, { AccessKeyId, SecretAccessKey, SessionToken, ExpiredTime });
      }
      return { status: 404, body: 'not found', contentType: 'text/plain' };
    },
    requests,
    options,
  );

  return {
    url: server.url,
    requests,
    setRoles: (list) => {
      roles = [...list];
    },
    failNext: (status, times = 1) => {
      failures = { status, left: times };
    },
    close: () => server.close(),
  };
}
