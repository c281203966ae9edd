// One Redis call through the full RedisClient, which carries every action as a method.
import { RedisClient } from '@volc-ts/redis';

const client = new RedisClient({ region: 'cn-beijing', credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
const result = await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
console.log(result.Total, result.$metadata.RequestId);
