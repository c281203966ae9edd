/**
 * OpenTelemetry tracing built on the client's hooks: one CLIENT span per call (all its attempts), named
 * `<service>/<Action>` after the RPC semantic conventions, with each attempt and retry as a span event.
 */
import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import type { HookCall, Hooks } from '@volc-ts/core';

/** Name of the tracer (the instrumentation scope) the spans come from. */
export const TRACER_NAME = '@volc-ts/opentelemetry';

/** Options of {@link tracingHooks} and {@link withTracing}. Every field is optional. */
export interface TracingOptions {
  /** Where spans go. @default the global provider (`trace.getTracerProvider()`), read when the hooks are made */
  tracerProvider?: TracerProvider;
  /** Attributes added to every span (a deployment name, a tenant). @default none */
  attributes?: Attributes;
}

/** Where a call's span is kept in `call.state`: a symbol, so no other hook meets it. */
const SPAN = Symbol('volc-ts.opentelemetry.span');

interface SpanState {
  readonly span: Span;
  ended: boolean;
}

/** The attributes a call's span starts with (RPC conventions, plus the cloud region and API version). */
function callAttributes(call: HookCall, extra: Attributes | undefined): Attributes {
  const port = /:(\d+)$/.exec(call.host)?.[1];
  return {
    ...extra,
    'rpc.system': 'volcengine',
    'rpc.service': call.service,
    'rpc.method': call.action,
    'server.address': port === undefined ? call.host : call.host.slice(0, -port.length - 1),
    ...(port === undefined ? {} : { 'server.port': Number(port) }),
    'cloud.region': call.region,
    'volcengine.api_version': call.version,
  };
}

/** The call's span, started on first use; its parent is the context active where the call was made. */
function spanOf(call: HookCall, tracer: Tracer, extra: Attributes | undefined): SpanState {
  const state = call.state as Record<symbol, SpanState | undefined>;
  const existing = state[SPAN];
  if (existing) return existing;
  const span = tracer.startSpan(
    `${call.service}/${call.action}`,
    { kind: SpanKind.CLIENT, attributes: callAttributes(call, extra), startTime: call.started },
    context.active(),
  );
  const created = { span, ended: false };
  state[SPAN] = created;
  return created;
}

/** `error.type` of the conventions: a service error's code (`InternalError`), else the error's class name. */
function errorType(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : error.name;
}

/**
 * Hooks that trace every call of a client: pass them as `hooks` of `ClientConfig` (or use
 * {@link withTracing}, which adds them to hooks the config already has).
 *
 * Each call gets one span of kind CLIENT, named `<service>/<Action>` (`redis/DescribeDBInstances`), started
 * at the start of the call, with `rpc.system` `volcengine`, `rpc.service`, `rpc.method`, `server.address`
 * (and `server.port` when not the default), `cloud.region`, `volcengine.api_version`; after each response
 * `http.response.status_code` and `volcengine.request_id`. Each attempt is an event `volcengine.attempt`
 * (`volcengine.attempt`: its number); each retry an event `volcengine.retry` (`volcengine.retry.delay_ms`,
 * `error.type`). A call that fails records the exception, sets the status to ERROR and `error.type`.
 * The span's parent is the context active where the call was made. The span ends when the successful
 * answer arrives, so a hook that runs after these and fails such a call (a call's own `afterResponse`)
 * is not recorded on it.
 */
export function tracingHooks(options: TracingOptions = {}): Hooks {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(TRACER_NAME);
  const extra = options.attributes;
  return {
    beforeRequest: ({ call, attempt }) => {
      spanOf(call, tracer, extra).span.addEvent('volcengine.attempt', { 'volcengine.attempt': attempt });
    },
    afterResponse: ({ call, status, requestId, error }) => {
      const state = spanOf(call, tracer, extra);
      state.span.setAttribute('http.response.status_code', status);
      if (requestId !== undefined) state.span.setAttribute('volcengine.request_id', requestId);
      // A success ends the call; a failed answer is followed by a retry or by onError.
      if (error === undefined) {
        state.ended = true;
        state.span.end();
      }
    },
    beforeRetry: ({ call, attempt, delay, error }) => {
      spanOf(call, tracer, extra).span.addEvent('volcengine.retry', {
        'volcengine.attempt': attempt,
        'volcengine.retry.delay_ms': delay,
        'error.type': errorType(error),
      });
    },
    onError: ({ call, error }) => {
      // A call refused before any attempt (a validation error) still gets its span, started and ended here.
      const state = spanOf(call, tracer, extra);
      if (state.ended) return;
      state.ended = true;
      state.span.recordException(error);
      state.span.setAttribute('error.type', errorType(error));
      state.span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      state.span.end();
    },
  };
}

/** A hook point's functions as a list. */
function listOf<T>(hooks: T | readonly T[] | undefined): readonly T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? (hooks as readonly T[]) : [hooks as T];
}

/**
 * A copy of a client config (any object with an optional `hooks`, such as `ClientConfig`) with
 * {@link tracingHooks} added after the hooks it already has, so the span records the error an `onError`
 * hook of the config chose. The config given is not changed.
 *
 * @example
 * const redis = new RedisClient(withTracing({ region: 'cn-beijing' }));
 */
export function withTracing<Config extends object>(
  config: Config & { hooks?: Hooks },
  options?: TracingOptions,
): Config {
  const tracing = tracingHooks(options);
  const own = config.hooks ?? {};
  const hooks: Hooks = {
    beforeRequest: [...listOf(own.beforeRequest), ...listOf(tracing.beforeRequest)],
    afterResponse: [...listOf(own.afterResponse), ...listOf(tracing.afterResponse)],
    beforeRetry: [...listOf(own.beforeRetry), ...listOf(tracing.beforeRetry)],
    onError: [...listOf(own.onError), ...listOf(tracing.onError)],
  };
  return { ...config, hooks } as Config;
}
