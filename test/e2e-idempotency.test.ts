/**
 * Issue 12 item 3 end to end: the generated IAM client against @volc-ts/mock. Whether an action is repeated
 * after an ambiguous failure comes from the spec (`x-volc-idempotent`) through the generated operation
 * descriptor, not from the action's name.
 */
import { startMockServer, type MockServer } from '@volc-ts/mock';
import { IamClient, VolcNetworkError, VolcServiceError } from '@volc-ts/iam';
import { createAccessKeyOperation, listUsersOperation } from '@volc-ts/iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const client = () =>
  new IamClient({
    endpoint: mock.url,
    credentials: mock.credentials,
    retryDelays: { baseDelay: 5, throttlingBaseDelay: 5 },
  });

describe('IAM CreateAccessKey is never sent twice after an ambiguous failure', () => {
  it('takes idempotency from the spec', () => {
    expect(createAccessKeyOperation.idempotent).toBeUndefined();
    expect(listUsersOperation.idempotent).toBe(true);
  });

  it('an InternalError: one request, outcome unknown, the caller sees the error', async () => {
    mock.failNext('CreateAccessKey', { code: 'InternalError', status: 500 });
    const error = await client()
      .createAccessKey({ UserName: 'alice' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error).toMatchObject({ code: 'InternalError', outcomeUnknown: true, attempts: 1 });
    expect(mock.requestsFor('CreateAccessKey')).toHaveLength(1);
  });

  it('a dropped connection: one request; a throttling refusal: retried', async () => {
    mock.failNext('CreateAccessKey', { dropConnection: true });
    const error = await client()
      .createAccessKey({ UserName: 'alice' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(mock.requestsFor('CreateAccessKey')).toHaveLength(1);

    mock.reset();
    mock.failNext('CreateAccessKey', { code: 'FlowLimitExceeded' });
    await expect(client().createAccessKey({ UserName: 'alice' })).resolves.toBeDefined();
    expect(mock.requestsFor('CreateAccessKey')).toHaveLength(2);
  });

  it('a read (ListUsers) keeps its retries', async () => {
    mock.failNext('ListUsers', { code: 'InternalError', status: 500 });
    await expect(client().listUsers({})).resolves.toBeDefined();
    expect(mock.requestsFor('ListUsers')).toHaveLength(2);
  });
});
