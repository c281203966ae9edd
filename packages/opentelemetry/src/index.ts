/**
 * @volc-ts/opentelemetry: OpenTelemetry tracing for volc-ts clients, built on the client's hooks. Opt in
 * per client with `withTracing(config)` or `hooks: tracingHooks()`; `@opentelemetry/api` is a peer
 * dependency, so the application's own OpenTelemetry setup receives the spans.
 */
export { TRACER_NAME, tracingHooks, withTracing } from './tracing.js';
export type { TracingOptions } from './tracing.js';
