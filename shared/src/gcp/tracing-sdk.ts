import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { TraceExporter } from '@google-cloud/opentelemetry-cloud-trace-exporter';

let started = false;

/**
 * Registers OpenTelemetry for the function, once, at cold start: W3C trace context in and out,
 * async-local context so spans nest across awaits, and in deployed environments a batch exporter
 * to Cloud Trace sampling `sampleRatio` of new traces (a caller's sampled flag is followed).
 * Locally (`none`) spans are made and propagated, so logs and messages carry the trace, but not
 * exported; `console` prints each span as it ends (`TRACE_EXPORTER=console npm start`).
 */
export function startTracing(options: {
  exporter: 'cloud-trace' | 'console' | 'none';
  projectId: string;
  sampleRatio: number;
}) {
  if (started) return;
  started = true;
  const spanProcessors: SpanProcessor[] =
    options.exporter === 'cloud-trace'
      ? [new BatchSpanProcessor(new TraceExporter({ projectId: options.projectId }))]
      : options.exporter === 'console'
        ? [new SimpleSpanProcessor(new ConsoleSpanExporter())]
        : [];
  const provider = new BasicTracerProvider({
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
}
