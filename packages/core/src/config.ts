/**
 * A client's configuration: the options users pass ({@link ClientConfig}, {@link CallOptions}), their
 * defaults, the checks that refuse a bad option with a `RangeError` when the client is made, and the
 * settings that result ({@link ResolvedClientConfig}).
 */
import { defaultCredentialChain, profileClientSettings, warnPlainHttp } from './credentials/client-defaults.js';
import type { Credentials, CredentialsProvider } from './credentials/types.js';
import { resolveEndpoint } from './endpoint.js';
import type { Hooks } from './hooks.js';
import { isLogLevel, type Logger, type LogLevel } from './logger.js';
import type { ServiceInfo } from './operation.js';
import { checkRegion } from './region.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { describeRuntime, isBrowserLike, readEnv } from './runtime.js';
import type { ProxyOption } from './transport/proxy.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type HttpTransport } from './transport/types.js';
import { CORE_VERSION } from './version.js';

/** Options of a service client. Every field is optional. */
export interface ClientConfig {
  /**
   * Region such as `cn-beijing`. It must be one host label (lower-case letters, digits, inner hyphens): it
   * becomes part of the host, so anything else throws a `RangeError` here, with the nearest known region
   * when it looks like a typo. @default env `VOLCENGINE_REGION`, else the CLI profile's `region`, else `cn-beijing`
   */
  region?: string;
  /**
   * A key pair or a provider. @default {@link defaultCredentialChain} (environment, OIDC from the
   * environment, the CLI config file, the ECS instance role)
   */
  credentials?: Credentials | CredentialsProvider;
  /**
   * Custom endpoint: `http://127.0.0.1:8787`, or `host[:port]` (https assumed; http when the CLI profile
   * says `disable-ssl`). @default the CLI profile's `endpoint`, else the service's host
   */
  endpoint?: string;
  /**
   * Dual-stack hosts (`*.volcengine-api.com`, IPv4 and IPv6). @default env `VOLC_ENABLE_DUALSTACK`
   * (`true`/`false`), else the CLI profile's `use-dual-stack`, else false
   */
  useDualStack?: boolean;
  /** Attempts per call, the first included; 1 disables retries. @default 3 */
  maxAttempts?: number;
  /**
   * Limit of one attempt in ms (connect, send, read the whole body); beyond 2^31-1 ms (what a timer can
   * wait) there is no limit. @default 30000
   */
  timeout?: number;
  /** Limit of a whole call in ms, retries and backoff included (no limit beyond 2^31-1 ms). @default none */
  totalTimeout?: number;
  /**
   * Send through this `fetch` instead of the runtime's default transport, for tests or unusual runtimes.
   * It is called as `fetch(url, init)` with `redirect: 'manual'` and an `AbortSignal` (through ky in the
   * browser build, which may pass a `Request`). @default node:http on Node, `globalThis.fetch` elsewhere
   */
  fetch?: typeof fetch;
  /**
   * Bring your own transport: one request in, status + headers + body text out ({@link HttpTransport}).
   * It should never follow redirects (a 3xx it returns is refused) and should bound the body. Wins over
   * `fetch` and `proxy`. @default {@link defaultTransport}
   */
  transport?: HttpTransport;
  /**
   * Proxy URL such as `http://user:pass@proxy.internal:3128` (https targets tunnel with CONNECT), or false
   * for direct connections whatever the environment says. Node only.
   * @default from the environment: `VOLC_PROXY_HOST`/`_PORT`/`_PROTOCOL`, else `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` minus `NO_PROXY`
   */
  proxy?: ProxyOption;
  /**
   * Most connections open at once per endpoint (over `fetch`: requests in flight); more calls wait their
   * turn in order, the wait counted in their attempt's `timeout`. Clients with the same `maxSockets`,
   * `proxy` and `fetch` share the connections. `Infinity`: no cap. Ignored with `transport`.
   * @default 50
   */
  maxSockets?: number;
  /**
   * Largest response body accepted, in bytes after decompression; a larger one fails with
   * `VolcResponseTooLargeError` (not retried) as soon as the limit is crossed. @default 67108864 (64 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Where log lines go. Without one, warnings (an unknown region, an undeclared member, a clock
   * correction) go to `console.warn`, each distinct message once; `null` (or `logLevel: 'off'`) silences
   * them. Secrets are always redacted.
   */
  logger?: Logger | null;
  /** Lowest level written to `logger` (`'off'`: nothing). @default env `VOLC_TS_LOG`, else 'warn' */
  logLevel?: LogLevel;
  /** Check inputs against the spec's rules before sending. @default true */
  validate?: boolean;
  /**
   * Refuse input members the spec does not declare (`PageSzie`) with a `VolcValidationError`. Off, they
   * are logged as a warning (with a "did you mean" hint) and sent, since the server may know members
   * the SDK does not. Applies only when `validate` is on. A member named `__proto__`, `constructor` or
   * `prototype` is refused whatever this says, validated or not, unless the spec declares it there: such a
   * member comes from `JSON.parse` of text someone else wrote, and a server that merges input naively
   * would follow it into a shared prototype. @default false
   */
  strictMembers?: boolean;
  /** Backoff tuning in ms. @default { baseDelay: 200, throttlingBaseDelay: 1000, maxDelay: 20000 } */
  retryDelays?: { baseDelay?: number; throttlingBaseDelay?: number; maxDelay?: number };
  /**
   * Functions run at fixed points of every call: `beforeRequest` (before each attempt is signed: add
   * headers or query members), `afterResponse`, `beforeRetry`, `onError` ({@link Hooks}). Each takes one
   * function or a list. A hook that is not a function throws a `TypeError` here. @default none
   */
  hooks?: Hooks;
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call (including a pending retry) with a `VolcAbortError`. */
  signal?: AbortSignal;
  /** Limit of one attempt in ms, overriding the client's `timeout`. */
  timeout?: number;
  /** Limit of the whole call in ms, overriding the client's `totalTimeout`. */
  totalTimeout?: number;
  /** Attempts for this call, overriding the client's `maxAttempts`. */
  maxAttempts?: number;
  /**
   * Hooks of this call, run after the client's at each point ({@link Hooks}).
   * @throws {TypeError} (from the call) a hook that is not a function
   */
  hooks?: Hooks;
}

/** The client's settings after defaults are applied. Holds no credentials. */
export interface ResolvedClientConfig {
  readonly service: string;
  readonly region: string;
  /** Region used in signatures (`cn-beijing` for global services). */
  readonly signingRegion: string;
  /** Origin requests go to, such as `https://redis.cn-beijing.volcengineapi.com`. */
  readonly endpoint: string;
  readonly host: string;
  readonly path: string;
  /** Set when the `endpoint` option had no scheme and https was assumed (a TLS failure then says so). */
  readonly endpointSchemeAssumed?: true;
  readonly maxAttempts: number;
  readonly timeout: number;
  readonly totalTimeout: number | undefined;
  readonly validate: boolean;
  readonly strictMembers: boolean;
  readonly logLevel: LogLevel;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes: number;
  /** `User-Agent` sent, or undefined in browsers (where it cannot be set). */
  readonly userAgent: string | undefined;
}

/** Region used when neither the config nor `VOLCENGINE_REGION` names one. */
export const DEFAULT_REGION = 'cn-beijing';
/** Default limit of one attempt, in ms. */
export const DEFAULT_TIMEOUT = 30_000;

/** The value, or `fallback` when undefined. @throws {RangeError} unless a positive integer */
export function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer (got ${value})`);
  return value;
}

/** The value in ms, or undefined. @throws {RangeError} unless a positive number */
export function positiveMs(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && value > 0))
    throw new RangeError(`${name} must be a positive number of milliseconds (got ${value})`);
  return value;
}

/** The region from the option or `VOLCENGINE_REGION`, checked as a host label (nothing is trimmed). */
function configuredRegion(option: string | undefined, profileRegion: string | undefined): string {
  if (option !== undefined) return checkRegion(option, 'the region option');
  const env = readEnv('VOLCENGINE_REGION');
  if (env !== undefined) return checkRegion(env, 'VOLCENGINE_REGION');
  return profileRegion === undefined ? DEFAULT_REGION : checkRegion(profileRegion, "the CLI profile's region");
}

/**
 * Applies defaults to a client's options: the option, else the environment, else the CLI profile, else
 * the default. Reads no credentials.
 * @throws {RangeError} an option out of range (`maxAttempts: 0`, `timeout: -1`) or a region that is not a host label
 * @throws {VolcCredentialsError} the CLI config file, read for what the options leave out, exists but is refused:
 *   not a regular file (a FIFO, a device), over 1 MiB, or writable by others than its owner
 */
export function resolveClientConfig(service: ServiceInfo, config: ClientConfig): ResolvedClientConfig {
  // The CLI profile fills what the options leave out (volcengine-cli's region, endpoint, use-dual-stack, disable-ssl).
  const profile =
    config.region === undefined || config.endpoint === undefined || config.useDualStack === undefined
      ? profileClientSettings()
      : {};
  const region = configuredRegion(config.region, profile.region);
  const dualStackEnv = readEnv('VOLC_ENABLE_DUALSTACK')?.toLowerCase();
  const useDualStack =
    config.useDualStack ??
    (dualStackEnv === 'true' ? true : dualStackEnv === 'false' ? false : profile.useDualStack) ??
    false;
  const endpoint = resolveEndpoint({
    service: service.service,
    region,
    global: service.global,
    host: service.host,
    endpoint: config.endpoint ?? profile.endpoint,
    useDualStack,
  });
  // `disable-ssl` applies only where the options did not name an endpoint.
  const plainHttp = profile.disableSsl === true && config.endpoint === undefined && endpoint.url.startsWith('https:');
  const url = plainHttp ? endpoint.url.replace(/^https:/, 'http:') : endpoint.url;
  const maxAttempts = positiveInteger(config.maxAttempts, 'maxAttempts', DEFAULT_RETRY_POLICY.maxAttempts);
  const envLevel = readEnv('VOLC_TS_LOG');
  const logLevel = config.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'warn');
  if (plainHttp) warnPlainHttp(profile.path ?? 'the CLI config file', config.logger, logLevel);
  return Object.freeze({
    service: service.service,
    region,
    signingRegion: endpoint.signingRegion,
    endpoint: url,
    host: endpoint.host,
    path: endpoint.path,
    ...(endpoint.schemeAssumed && url.startsWith('https:') ? { endpointSchemeAssumed: true as const } : {}),
    maxAttempts,
    timeout: positiveMs(config.timeout, 'timeout') ?? DEFAULT_TIMEOUT,
    totalTimeout: positiveMs(config.totalTimeout, 'totalTimeout'),
    validate: config.validate !== false,
    strictMembers: config.strictMembers === true,
    logLevel,
    maxResponseBytes: positiveInteger(config.maxResponseBytes, 'maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES),
    userAgent: isBrowserLike()
      ? undefined
      : `volc-ts/${CORE_VERSION} ${service.service}/${service.packageVersion ?? 'unknown'} ${describeRuntime()}`,
  });
}
