// One Redis call through @volcengine/openapi's generic Service.
import { Service } from '@volcengine/openapi';

const redis = new Service({
  serviceName: 'redis',
  region: 'cn-beijing',
  host: 'redis.cn-beijing.volcengineapi.com',
  accessKeyId: 'AK',
  secretKey: 'SK',
});
const describeCrossRegionBackups = redis.createJSONAPI('DescribeCrossRegionBackups', { Version: '2020-12-07' });
console.log(await describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 }));
