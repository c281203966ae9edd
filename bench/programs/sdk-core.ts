// One Redis call through @volcengine/sdk-core, the way its generated service clients do it.
import { Client, Command, buildRequestConfigFromMetaPath } from '@volcengine/sdk-core';

class DescribeCrossRegionBackupsCommand extends Command<Record<string, unknown>> {
  constructor(input: Record<string, unknown>) {
    super(input);
    this.requestConfig = buildRequestConfigFromMetaPath(
      '/DescribeCrossRegionBackups/2020-12-07/redis/post/application_json/',
    );
  }
}

const client = new Client({ region: 'cn-beijing', accessKeyId: 'AK', secretAccessKey: 'SK' });
const result = await client.send(
  new DescribeCrossRegionBackupsCommand({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 }),
);
console.log(result);
