import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../src/index.js';
import { serviceHostLabel } from '../src/endpoint.js';

describe('resolveEndpoint', () => {
  it('builds regional hosts', () => {
    expect(resolveEndpoint({ service: 'redis', region: 'cn-shanghai' })).toEqual({
      url: 'https://redis.cn-shanghai.volcengineapi.com',
      host: 'redis.cn-shanghai.volcengineapi.com',
      path: '/',
      signingRegion: 'cn-shanghai',
    });
  });

  it('builds global hosts and signs them for cn-beijing', () => {
    expect(resolveEndpoint({ service: 'iam', region: 'ap-southeast-1', global: true })).toEqual({
      url: 'https://iam.volcengineapi.com',
      host: 'iam.volcengineapi.com',
      path: '/',
      signingRegion: 'cn-beijing',
    });
  });

  it('writes a service name with _ as a valid DNS label in the host, not in the signing name', () => {
    expect(resolveEndpoint({ service: 'rds_mysql', region: 'cn-beijing' }).host).toBe(
      'rds-mysql.cn-beijing.volcengineapi.com',
    );
    expect(resolveEndpoint({ service: 'certificate_service', region: 'cn-beijing', global: true }).host).toBe(
      'certificate-service.volcengineapi.com',
    );
    expect(serviceHostLabel('Volc_Observe')).toBe('volc-observe');
  });

  it('uses the dual-stack suffix when asked, and never with a custom endpoint', () => {
    expect(resolveEndpoint({ service: 'ecs', region: 'cn-shanghai', useDualStack: true }).url).toBe(
      'https://ecs.cn-shanghai.volcengine-api.com',
    );
    expect(resolveEndpoint({ service: 'iam', region: 'cn-shanghai', global: true, useDualStack: true }).host).toBe(
      'iam.volcengine-api.com',
    );
    expect(
      resolveEndpoint({ service: 'ecs', region: 'cn-shanghai', useDualStack: true, endpoint: 'open.volcengineapi.com' })
        .host,
    ).toBe('open.volcengineapi.com');
  });

  it('takes a custom endpoint with a scheme and port as given', () => {
    expect(resolveEndpoint({ service: 'redis', region: 'cn-beijing', endpoint: 'http://127.0.0.1:8787' })).toEqual({
      url: 'http://127.0.0.1:8787',
      host: '127.0.0.1:8787',
      path: '/',
      signingRegion: 'cn-beijing',
    });
  });

  it('assumes https without a scheme and drops the default port', () => {
    expect(resolveEndpoint({ service: 'ecs', region: 'cn-beijing', endpoint: 'open.volcengineapi.com' }).url).toBe(
      'https://open.volcengineapi.com',
    );
    expect(resolveEndpoint({ service: 'ecs', region: 'cn-beijing', endpoint: 'proxy.local:8443' }).host).toBe(
      'proxy.local:8443',
    );
    expect(resolveEndpoint({ service: 'ecs', region: 'cn-beijing', endpoint: 'https://h:443' }).host).toBe('h');
  });

  it('keeps a path prefix of a custom endpoint', () => {
    expect(resolveEndpoint({ service: 'ecs', region: 'cn-beijing', endpoint: 'http://gw.local/volc' }).path).toBe(
      '/volc/',
    );
  });

  it('rejects an unusable endpoint', () => {
    expect(() => resolveEndpoint({ service: 'ecs', region: 'r', endpoint: 'ftp://x' })).toThrow(/only http and https/);
    expect(() => resolveEndpoint({ service: 'ecs', region: 'r', endpoint: 'http://' })).toThrow(/Invalid endpoint/);
  });
});
