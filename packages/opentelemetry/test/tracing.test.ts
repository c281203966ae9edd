/**
 * Spans of the tracing hooks, for the generated Redis client against @volc-ts/mock on 127.0.0.1, read from
 * an in-memory exporter: attributes after the RPC conventions, attempts and retries as events, errors
 * recorded, and the caller's active span as parent.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startMockServer, type MockServer } from '@volc-ts/mock';
import { RedisClient, VolcServiceError, type ClientConfig } from '@volc-ts/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TRACER_NAME, tracingHooks, withTracing } from '../src/index.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
let mock: MockServer;

beforeAll(async () => {
  context.setGlobalContextManager(contextManager.enable());
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
  context.disable();
});
beforeEach(() => {
  mock.reset();
  exporter.reset();
});

const ACTION = 'DescribeCrossRegionBackups';
const INPUT = { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 } as const;

function client(config: ClientConfig = {}): RedisClient {
  return new RedisClient(
    withTracing(
      {
        region: 'cn-beijing',
        endpoint: mock.url,
        credentials: mock.credentials,
        retryDelays: { baseDelay: 0, throttlingBaseDelay: 0, maxDelay: 0 },
        ...config,
      },
      { tracerProvider: provider, attributes: { 'deployment.environment.name': 'test' } },
    ),
  );
}

const port = () => Number(new URL(mock.url).port);

describe('tracing hooks', () => {
  it('a successful call: one CLIENT span with the RPC attributes and the request id', async () => {
    const result = await client().describeCrossRegionBackups(INPUT);
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span!.name).toBe(`redis/${ACTION}`);
    expect(span!.kind).toBe(SpanKind.CLIENT);
    expect(span!.instrumentationScope.name).toBe(TRACER_NAME);
    expect(span!.attributes).toEqual({
      'deployment.environment.name': 'test',
      'rpc.system': 'volcengine',
      'rpc.service': 'redis',
      'rpc.method': ACTION,
      'server.address': '127.0.0.1',
      'server.port': port(),
      'cloud.region': 'cn-beijing',
      'volcengine.api_version': '2020-12-07',
      'http.response.status_code': 200,
      'volcengine.request_id': result.$metadata.RequestId,
    });
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
    expect(span!.events.map((e) => [e.name, e.attributes])).toEqual([
      ['volcengine.attempt', { 'volcengine.attempt': 1 }],
    ]);
  });

  it('retries are events; the span ends once, after the attempt that succeeded', async () => {
    mock.failNext(ACTION, { code: 'FlowLimitExceeded', times: 2 });
    const result = await client().describeCrossRegionBackups(INPUT);
    const [span, ...more] = exporter.getFinishedSpans();
    expect(more).toEqual([]);
    expect(span!.events.map((e) => e.name)).toEqual([
      'volcengine.attempt',
      'volcengine.retry',
      'volcengine.attempt',
      'volcengine.retry',
      'volcengine.attempt',
    ]);
    expect(span!.events[1]!.attributes).toEqual({
      'volcengine.attempt': 1,
      'volcengine.retry.delay_ms': 0,
      'error.type': 'FlowLimitExceeded',
    });
    expect(span!.events[4]!.attributes).toEqual({ 'volcengine.attempt': 3 });
    expect(span!.attributes['volcengine.request_id']).toBe(result.$metadata.RequestId);
  });

  it('a failed call records the exception, status ERROR and error.type', async () => {
    mock.failNext(ACTION, { code: 'AccessDenied' });
    const error = await client()
      .describeCrossRegionBackups(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcServiceError);
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    expect(span!.attributes['error.type']).toBe('AccessDenied');
    expect(span!.attributes['http.response.status_code']).toBe(403);
    expect(span!.attributes['volcengine.request_id']).toBe((error as VolcServiceError).requestId);
    const exception = span!.events.find((e) => e.name === 'exception');
    // OpenTelemetry names the exception by the error's `code` when it has one.
    expect(exception?.attributes?.['exception.type']).toBe('AccessDenied');
    expect(exception?.attributes?.['exception.message']).toBe((error as Error).message);
    // The exception's message is the SDK's, which never holds a secret.
    const recorded = JSON.stringify({ attributes: span!.attributes, events: span!.events, status: span!.status });
    expect(recorded).not.toContain(mock.credentials.secretAccessKey);
  });

  it('a call refused before any attempt still gets an ended span with the error', async () => {
    await client()
      .describeCrossRegionBackups({ ...INPUT, PageSize: 500 })
      .catch(() => {});
    const [span] = exporter.getFinishedSpans();
    expect(span!.attributes['error.type']).toBe('VolcValidationError');
    expect(span!.events.map((e) => e.name)).toEqual(['exception']);
    expect(mock.requestsFor(ACTION)).toHaveLength(0);
  });

  it("the caller's active span is the parent", async () => {
    const tracer = provider.getTracer('app');
    const redis = client();
    await tracer.startActiveSpan('handle request', async (parent) => {
      await redis.describeCrossRegionBackups(INPUT);
      parent.end();
    });
    const spans = exporter.getFinishedSpans();
    const parent = spans.find((s) => s.name === 'handle request')!;
    const child = spans.find((s) => s.name === `redis/${ACTION}`)!;
    expect(child.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(child.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it('concurrent calls get a span each', async () => {
    const redis = client();
    await Promise.all([1, 2, 3].map(() => redis.describeCrossRegionBackups(INPUT)));
    const ids = exporter.getFinishedSpans().map((s) => s.attributes['volcengine.request_id']);
    expect(new Set(ids).size).toBe(3);
  });

  it('withTracing keeps the hooks a config has, and runs them first', async () => {
    const order: string[] = [];
    const config = withTracing(
      {
        endpoint: mock.url,
        credentials: mock.credentials,
        hooks: { afterResponse: () => void order.push(`own, ${exporter.getFinishedSpans().length} spans ended`) },
      },
      { tracerProvider: provider },
    );
    await new RedisClient(config).describeCrossRegionBackups(INPUT);
    expect(order).toEqual(['own, 0 spans ended']);
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });

  it('without a provider, the global one is used (a no-op until one is registered)', async () => {
    const redis = new RedisClient({ endpoint: mock.url, credentials: mock.credentials, hooks: tracingHooks() });
    await redis.describeCrossRegionBackups(INPUT);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(trace.getTracerProvider()).toBeDefined();
  });
});
