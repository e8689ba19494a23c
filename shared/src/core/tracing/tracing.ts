import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { TraceContext } from '../logging/trace';

/**
 * Spans through the OpenTelemetry API. Without a registered SDK (unit tests) every call is a
 * no-op; the bootstraps register one (`startTracing`, Cloud Trace in production), and
 * `recordSpans()` in tests records them.
 */
const tracer = () => trace.getTracer('backbone');

export { SpanKind };

/** The parent a caller sent: W3C `traceparent` (and `tracestate`) in headers or message attributes. */
export function extractParent(carrier: Record<string, string | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier, {
    get: (c, key) => c[key.toLowerCase()] ?? c[key],
    keys: (c) => Object.keys(c),
  });
}

/** Writes the active span as `traceparent` into outgoing headers or message attributes. */
export function injectTrace(carrier: Record<string, string>): void {
  propagation.inject(context.active(), carrier);
}

/** Runs `work` in a span (a child of `parent`, else of the active span), ending it however work ends. */
export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message?.slice(0, 200) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active span's ids for log records, when a recording SDK is registered. */
export function activeTrace(): TraceContext | undefined {
  const span = trace.getActiveSpan();
  if (!span || !span.isRecording()) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { traceId, spanId, sampled: (traceFlags & 1) === 1 };
}
