/**
 * `npm start` prints each function's structured log record as one readable line:
 * `12:04:05.123 INFO  [health-api] request served GET /v1/health/summary 200 3.1ms requestId=…`.
 * `npm start -- --json` prints the records as the functions write them.
 */
export function formatLogLine(fn: string, line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `[${fn}] ${line}`;
  }
  if (typeof record.message !== 'string' || typeof record.severity !== 'string') return `[${fn}] ${line}`;
  const { time, severity, message, httpRequest, stack_trace: stack, ...rest } = record;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const fields = Object.entries(rest)
    .filter(([k]) => !k.startsWith('logging.googleapis.com/') && k !== 'serviceContext' && k !== '@type')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const request = httpRequest as
    { requestMethod?: string; requestUrl?: string; status?: number; latency?: string } | undefined;
  const served = request
    ? [
        `${request.requestMethod} ${request.requestUrl} ${request.status} ${(parseFloat(request.latency ?? '0') * 1000).toFixed(1)}ms`,
      ]
    : [];
  const text = [clock, (severity as string).padEnd(7), `[${fn}]`, message, ...served, ...fields]
    .filter(Boolean)
    .join(' ');
  return typeof stack === 'string' ? `${text}\n${stack}` : text;
}
