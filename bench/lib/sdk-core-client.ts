/**
 * DescribeCrossRegionBackups on `@volcengine/sdk-core`, written the way its generated service
 * clients are (a Command subclass carrying a metaPath); there is no redis package for it on npm.
 */
import { Client, Command, buildRequestConfigFromMetaPath, type CommandOutput } from '@volcengine/sdk-core';
import { ACCESS_KEY_ID, ACTION, REGION, SECRET_ACCESS_KEY, SERVICE, VERSION } from './fixtures.js';

export interface DescribeCrossRegionBackupsInput {
  [key: string]: unknown;
  InstanceId?: string;
  Scope?: string;
  PageNumber?: number;
  PageSize?: number;
}

export type DescribeCrossRegionBackupsOutput = CommandOutput<{ Total?: number; Backups?: unknown[] }>;

export class DescribeCrossRegionBackupsCommand extends Command<
  DescribeCrossRegionBackupsInput,
  DescribeCrossRegionBackupsOutput
> {
  static readonly metaPath = `/${ACTION}/${VERSION}/${SERVICE}/post/application_json/`;
  constructor(input: DescribeCrossRegionBackupsInput) {
    super(input);
    this.requestConfig = buildRequestConfigFromMetaPath(DescribeCrossRegionBackupsCommand.metaPath);
  }
}

/** A client that sends to `host` (`127.0.0.1:port`) over plain http. */
export function sdkCoreClient(host: string): Client {
  return new Client({
    host,
    protocol: 'http',
    region: REGION,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
  });
}
