/** Where a service lives, and which region its requests are signed for. */
export interface ResolvedEndpoint {
  /** Origin without a trailing slash, such as `https://redis.cn-beijing.volcengineapi.com`. */
  readonly url: string;
  /** Host (with a non-default port), as sent in the `Host` header and signed. */
  readonly host: string;
  /** Path prefix of a custom endpoint, `/` otherwise. */
  readonly path: string;
  /** Region the signature is scoped to. */
  readonly signingRegion: string;
  /** Set when a custom endpoint had no scheme (`127.0.0.1:8787`) and https was assumed. */
  readonly schemeAssumed?: true;
}

export interface EndpointParams {
  /**
   * Signing service name: `redis`, `ecs`, `rds_mysql`. The host uses it lower-cased with `_` written
   * as `-` (a valid DNS label: `rds-mysql`); the signature scope keeps it as it is.
   */
  readonly service: string;
  readonly region: string;
  /** Global services (iam, sts, billing, ...) have one host for every region. */
  readonly global?: boolean;
  /** A fixed host for every region (`open.volcengineapi.com`), instead of the service's own. */
  readonly host?: string;
  /**
   * Custom endpoint: a URL such as `http://127.0.0.1:8787`, or `host[:port]` (https assumed),
   * for a local mock, a proxy, or `open.volcengineapi.com`.
   */
  readonly endpoint?: string;
  /**
   * Use the dual-stack (IPv4 and IPv6) host, `*.volcengine-api.com` instead of `*.volcengineapi.com`,
   * as the official SDKs do with the same option and env `VOLC_ENABLE_DUALSTACK=true`. Ignored with a
   * custom `endpoint`. @default false
   */
  readonly useDualStack?: boolean;
}

/** Host suffixes, from the official SDK's endpoint rules (../shared/catalog/endpoints.json). */
const SUFFIX = '.volcengineapi.com';
const DUAL_STACK_SUFFIX = '.volcengine-api.com';

/** The host label of a service: `rds_mysql` -> `rds-mysql`, `Redis` -> `redis`. */
export function serviceHostLabel(service: string): string {
  return service.toLowerCase().replaceAll('_', '-');
}

/** Region that global services sign with. */
export const GLOBAL_SIGNING_REGION = 'cn-beijing';

/**
 * Resolves the endpoint of a service: `{code}.{region}.volcengineapi.com` for regional services,
 * `{code}.volcengineapi.com` for global ones (`{code}` is the service's host label, see
 * {@link serviceHostLabel}; `.volcengine-api.com` with `useDualStack`), or the custom `endpoint`.
 * Always https unless the custom endpoint says otherwise.
 *
 * Unlike the official SDKs, which send every region outside a short bootstrap list to
 * `open.volcengineapi.com`, the default is always the service's own host, as Volcengine's API
 * documentation shows it; `open.volcengineapi.com` (which accepts any service) is an `endpoint` option.
 */
export function resolveEndpoint(params: EndpointParams): ResolvedEndpoint {
  const signingRegion = params.global ? GLOBAL_SIGNING_REGION : params.region;
  const raw = params.endpoint?.trim();
  if (!raw) {
    const code = serviceHostLabel(params.service);
    const suffix = params.useDualStack ? DUAL_STACK_SUFFIX : SUFFIX;
    const host = params.host ?? (params.global ? `${code}${suffix}` : `${code}.${params.region}${suffix}`);
    return { url: `https://${host}`, host, path: '/', signingRegion };
  }
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  const withScheme = hasScheme ? raw : `https://${raw}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new TypeError(`Invalid endpoint ${JSON.stringify(raw)}: expected a URL such as https://host or host:port`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`Invalid endpoint ${JSON.stringify(raw)}: only http and https are supported`);
  }
  const path = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
  const url = `${parsed.protocol}//${parsed.host}`;
  return { url, host: parsed.host, path, signingRegion, ...(hasScheme ? {} : { schemeAssumed: true as const }) };
}
