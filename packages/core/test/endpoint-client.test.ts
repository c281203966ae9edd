import { afterEach, describe, expect, it, vi } from 'vitest';
import { VolcClient } from '../src/index.js';

const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK' };

describe('client endpoints', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('turns dual-stack hosts on with the option or VOLC_ENABLE_DUALSTACK=true, the option winning', () => {
    const host = (config: object) =>
      new VolcClient({ service: 'rds_mysql', global: false }, { region: 'cn-shanghai', credentials, ...config }).config
        .host;
    expect(host({})).toBe('rds-mysql.cn-shanghai.volcengineapi.com');
    expect(host({ useDualStack: true })).toBe('rds-mysql.cn-shanghai.volcengine-api.com');
    vi.stubEnv('VOLC_ENABLE_DUALSTACK', 'true');
    expect(host({})).toBe('rds-mysql.cn-shanghai.volcengine-api.com');
    expect(host({ useDualStack: false })).toBe('rds-mysql.cn-shanghai.volcengineapi.com');
    vi.stubEnv('VOLC_ENABLE_DUALSTACK', 'no');
    expect(host({})).toBe('rds-mysql.cn-shanghai.volcengineapi.com');
  });

  it('uses the fixed host of a service without its own, signing for the client region with the name as it is', () => {
    const client = new VolcClient(
      { service: 'rcs_5g', global: false, host: 'open.volcengineapi.com' },
      { region: 'cn-shanghai', credentials },
    );
    expect([client.config.host, client.config.signingRegion, client.config.service]).toEqual([
      'open.volcengineapi.com',
      'cn-shanghai',
      'rcs_5g',
    ]);
  });
});
