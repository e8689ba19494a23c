import { maskDeep, maskPii } from './pii-masker';

export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
const rank: Record<Severity, number> = { DEBUG: 100, INFO: 200, WARNING: 400, ERROR: 500 };

/** One structured record, in the shape Cloud Logging reads from stdout. */
export type LogRecord = Record<string, unknown> & { severity: Severity; message: string; time: string };
export type LogSink = (record: LogRecord) => void;

export interface LogContext {
  /** Cloud Trace id of the request, from `traceparent` or `X-Cloud-Trace-Context`. */
  traceId?: string;
  /** Hex, 16 digits. */
  spanId?: string;
  /** Whether the trace is sampled (`logging.googleapis.com/trace_sampled`). */
  sampled?: boolean;
  /** Labels are indexed by Cloud Logging: keep them few and low-cardinality. */
  labels?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * Structured logger. Every record, fields included, passes the PII masker before it is written.
 *
 * @example
 * const log = createLogger({ service: 'health-api', projectId }).child({ requestId });
 * log.info('served summary', { services: 12 });
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(context: LogContext): Logger;
}

export interface LoggerOptions {
  service: string;
  /** The deployed revision (Cloud Run's K_REVISION): Error Reporting groups errors per version. */
  version?: string;
  projectId?: string;
  level?: Severity;
  sink?: LogSink;
}

export const stdoutSink: LogSink = (record) => process.stdout.write(`${JSON.stringify(record)}\n`);

export function createLogger(options: LoggerOptions, context: LogContext = {}): Logger {
  const minimum = rank[options.level ?? 'INFO'];
  const sink = options.sink ?? stdoutSink;

  const write = (severity: Severity, message: string, fields: Record<string, unknown> = {}): void => {
    if (rank[severity] < minimum) return;
    const { traceId, spanId, sampled, labels, ...contextFields } = context;
    const record: LogRecord = {
      ...(maskDeep({ ...contextFields, ...fields }) as Record<string, unknown>),
      severity,
      message: maskPii(message),
      time: new Date().toISOString(),
      'logging.googleapis.com/labels': { service: options.service, ...labels },
    };
    if (traceId && options.projectId) {
      record['logging.googleapis.com/trace'] = `projects/${options.projectId}/traces/${traceId}`;
    }
    if (spanId) record['logging.googleapis.com/spanId'] = spanId;
    if (sampled !== undefined) record['logging.googleapis.com/trace_sampled'] = sampled;
    if (severity === 'ERROR') reportable(record, options);
    sink(record);
  };

  return {
    debug: (message, fields) => write('DEBUG', message, fields),
    info: (message, fields) => write('INFO', message, fields),
    warn: (message, fields) => write('WARNING', message, fields),
    error: (message, fields) => write('ERROR', message, fields),
    child: (more) =>
      createLogger(options, {
        ...context,
        ...more,
        labels: { ...context.labels, ...more.labels },
      }),
  };
}

/**
 * What Error Reporting reads from a structured log: the (masked) stack under `stack_trace`, taken
 * out of the error field so it is written once, the service and version, and the type that has an
 * ERROR record without a stack reported too.
 */
function reportable(record: LogRecord, options: LoggerOptions): void {
  const error = record.error as { stack?: unknown } | undefined;
  if (error && typeof error === 'object' && typeof error.stack === 'string') {
    record.stack_trace = error.stack;
    const { stack: _stack, ...rest } = error;
    record.error = rest;
  }
  record.serviceContext = { service: options.service, ...(options.version ? { version: options.version } : {}) };
  record['@type'] = 'type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent';
}
