// The same call through the base client and the standalone action function, for the smallest bundle:
// test/browser.test.ts checks that it carries only the action it imports. Bundled, not run.
import { describeCrossRegionBackups, RedisBaseClient } from '@volc-ts/redis';

const client = new RedisBaseClient({ region: 'cn-beijing', endpoint: 'http://127.0.0.1:1' });
export const call = () => describeCrossRegionBackups(client, { Scope: 'AccountInstances' });
