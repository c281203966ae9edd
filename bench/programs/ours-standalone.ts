// One Redis call with the standalone action function and the method-less base client:
// the smallest bundle @volc-ts/redis allows.
import { RedisBaseClient, describeCrossRegionBackups } from '@volc-ts/redis';

const client = new RedisBaseClient({ region: 'cn-beijing', credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
const result = await describeCrossRegionBackups(client, { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
console.log(result.Total, result.$metadata.RequestId);
