/**
 * Issue 23 item 3: generated waiters against @volc-ts/mock over HTTP on 127.0.0.1. The mock's scripts play
 * a resource's states call after call; the waiter's clock is injected, so no test really sleeps and none
 * depends on how fast the machine is.
 */
import {
  EcsClient,
  VolcServiceError,
  VolcWaiterFailureError,
  VolcWaiterTimeoutError,
  waitUntilInstanceDeleted,
  waitUntilInstanceRunning,
  type WaiterClock,
} from '@volc-ts/ecs';
import { startMockServer, type MockServer } from '@volc-ts/mock';
import { waitUntilClusterRunning } from '@volc-ts/vke';
import { VkeClient } from '@volc-ts/vke';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function ecs(): EcsClient {
  return new EcsClient({ region: 'cn-beijing', endpoint: mock.url, credentials: mock.credentials, maxAttempts: 1 });
}

/** A clock whose pauses only move its own time forward; it records each pause the waiter asked for. */
function fakeClock(random = () => 0.5): WaiterClock & { pauses: number[]; time: number } {
  const clock = {
    pauses: [] as number[],
    time: 1_000_000,
    now: () => clock.time,
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw signal.reason;
      clock.pauses.push(ms);
      clock.time += ms;
    },
    random,
  };
  return clock;
}

const instances = (...statuses: string[]) => ({
  Instances: statuses.map((Status, i) => ({ InstanceId: `i-${i + 1}`, Status })),
});

describe('ECS InstanceRunning', () => {
  it('polls until every instance reads RUNNING, passing the input on each call', async () => {
    mock.script('DescribeInstances', [
      { result: instances('CREATING', 'CREATING'), times: 2 },
      { result: instances('RUNNING', 'STARTING') },
      { result: instances('RUNNING', 'RUNNING') },
    ]);
    const clock = fakeClock();
    const result = await waitUntilInstanceRunning(ecs(), { InstanceIds: ['i-1', 'i-2'] }, { clock });
    expect(result.state).toBe('success');
    expect(result.attempts).toBe(4);
    expect(result.lastStatus).toEqual(['RUNNING', 'RUNNING']);
    expect(result.output?.Instances?.map((i) => i.InstanceId)).toEqual(['i-1', 'i-2']);
    const calls = mock.requestsFor('DescribeInstances');
    expect(calls).toHaveLength(4);
    for (const call of calls) expect(call.input).toMatchObject({ InstanceIds: ['i-1', 'i-2'] });
    // Three pauses between four polls, each within the waiter's defaults (5 s to 30 s), growing.
    expect(clock.pauses).toHaveLength(3);
    for (const pause of clock.pauses) {
      expect(pause).toBeGreaterThanOrEqual(5000);
      expect(pause).toBeLessThanOrEqual(30000);
    }
    expect(clock.pauses[2]!).toBeGreaterThan(clock.pauses[0]!);
  });

  it('stops with VolcWaiterFailureError on a failure state', async () => {
    mock.script('DescribeInstances', [{ result: instances('CREATING') }, { result: instances('ERROR') }]);
    const error = await waitUntilInstanceRunning(ecs(), { InstanceIds: ['i-1'] }, { clock: fakeClock() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VolcWaiterFailureError);
    expect(error).toMatchObject({ state: 'ERROR', attempts: 2, lastStatus: ['ERROR'], waiter: 'InstanceRunning' });
    expect(mock.requestsFor('DescribeInstances')).toHaveLength(2);
  });

  it('times out with the last state and the number of calls', async () => {
    mock.script('DescribeInstances', [{ result: instances('CREATING'), times: 3 }, { result: instances('STARTING') }]);
    const clock = fakeClock(() => 0);
    const error = await waitUntilInstanceRunning(
      ecs(),
      { InstanceIds: ['i-1'] },
      { clock, minDelay: 1000, maxDelay: 4000, maxWaitTime: 20_000 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcWaiterTimeoutError);
    const timeout = error as VolcWaiterTimeoutError;
    expect(timeout.lastStatus).toEqual(['STARTING']);
    expect(timeout.maxWaitTime).toBe(20_000);
    expect(timeout.attempts).toBe(mock.requestsFor('DescribeInstances').length);
    // The waiter never pauses past its deadline: the pauses it took fit in maxWaitTime.
    expect(clock.pauses.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000);
    expect(timeout.attempts).toBeGreaterThan(4);
  });

  it('rejects with the abort reason when the signal aborts during a pause', async () => {
    mock.script('DescribeInstances', [{ result: instances('CREATING') }]);
    const controller = new AbortController();
    const reason = new Error('user gave up');
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      if (clock.pauses.length === 1) controller.abort(reason);
      return sleep(ms, signal);
    };
    const error = await waitUntilInstanceRunning(
      ecs(),
      { InstanceIds: ['i-1'] },
      { clock, signal: controller.signal },
    ).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(mock.requestsFor('DescribeInstances')).toHaveLength(2);
  });

  it('passes a describe error that is not one of its codes through', async () => {
    mock.script('DescribeInstances', [{ code: 'AccessDenied' }]);
    const error = await waitUntilInstanceRunning(ecs(), { InstanceIds: ['i-1'] }, { clock: fakeClock() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VolcServiceError);
    expect((error as VolcServiceError).code).toBe('AccessDenied');
  });
});

describe('delete waiters', () => {
  it('InstanceDeleted succeeds on the not-found code', async () => {
    mock.script('DescribeInstances', [
      { result: instances('DELETING'), times: 2 },
      { code: 'InvalidInstance.NotFound', status: 404 },
    ]);
    const result = await waitUntilInstanceDeleted(ecs(), { InstanceIds: ['i-1'] }, { clock: fakeClock() });
    expect(result).toMatchObject({ state: 'success', attempts: 3, output: undefined });
  });

  it('InstanceDeleted succeeds when the list comes back empty', async () => {
    mock.script('DescribeInstances', [{ result: instances('DELETING') }, { result: { Instances: [] } }]);
    const result = await waitUntilInstanceDeleted(ecs(), { InstanceIds: ['i-1'] }, { clock: fakeClock() });
    expect(result).toMatchObject({ state: 'success', attempts: 2, lastStatus: [] });
  });

  it('a running waiter keeps waiting on an empty list (the new resource is not visible yet)', async () => {
    mock.script('DescribeInstances', [{ result: { Instances: [] } }, { result: instances('RUNNING') }]);
    const result = await waitUntilInstanceRunning(ecs(), { InstanceIds: ['i-1'] }, { clock: fakeClock() });
    expect(result.attempts).toBe(2);
  });
});

describe('a nested status path (VKE Items[].Status.Phase), scripted per resource', () => {
  it('reads the phase of the cluster the input selects', async () => {
    const cluster = (Id: string, Phase: string) => ({ Items: [{ Id, Status: { Phase } }] });
    mock.script('ListClusters', [{ result: cluster('cc-2', 'Failed') }], { when: { Filter: { Ids: ['cc-2'] } } });
    mock.script(
      'ListClusters',
      [{ result: cluster('cc-1', 'Creating'), times: 2 }, { result: cluster('cc-1', 'Running') }],
      {
        when: { Filter: { Ids: ['cc-1'] } },
      },
    );
    const vke = new VkeClient({ region: 'cn-beijing', endpoint: mock.url, credentials: mock.credentials });
    const result = await waitUntilClusterRunning(vke, { Filter: { Ids: ['cc-1'] } }, { clock: fakeClock() });
    expect(result).toMatchObject({ attempts: 3, lastStatus: ['Running'] });
    await expect(waitUntilClusterRunning(vke, { Filter: { Ids: ['cc-2'] } }, { clock: fakeClock() })).rejects.toThrow(
      VolcWaiterFailureError,
    );
  });
});
