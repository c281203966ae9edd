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
}

export interface EndpointParams {
  /** Service name, the host prefix: `redis`, `ecs`, `iam`. */
  readonly service: string;
  readonly region: string;
  /** Global services (iam, sts, billing, ...) have one host for every region. */
  readonly global?: boolean;
  /**
   * Custom endpoint: a URL such as `http://127.0.0.1:8787`, or `host[:port]` (https assumed),
   * for a local mock, a proxy, or `open.volcengineapi.com`.
   */
  readonly endpoint?: string;
  /** Dual-stack (IPv4 and IPv6) host: `.volcengine-api.com` instead of `.volcengineapi.com`. @default false */
  readonly useDualStack?: boolean;
}

/** Region that global services sign with. */
export const GLOBAL_SIGNING_REGION = 'cn-beijing';

/**
 * Resolves the endpoint of a service: `{service}.{region}.volcengineapi.com` for regional services,
 * `{service}.volcengineapi.com` for global ones, or the custom `endpoint`. Always https unless the
 * custom endpoint says otherwise.
 */
export function resolveEndpoint(params: EndpointParams): ResolvedEndpoint {
  const signingRegion = params.global ? GLOBAL_SIGNING_REGION : params.region;
  const raw = params.endpoint?.trim();
  if (!raw) {
    const suffix = params.useDualStack ? 'volcengine-api.com' : 'volcengineapi.com';
    const host = params.global ? `${params.service}.${suffix}` : `${params.service}.${params.region}.${suffix}`;
    return { url: `https://${host}`, host, path: '/', signingRegion };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
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
  return { url: `${parsed.protocol}//${parsed.host}`, host: parsed.host, path, signingRegion };
}
