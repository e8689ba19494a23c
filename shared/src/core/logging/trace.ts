/** The trace and span of a request, from W3C `traceparent` or Google's `X-Cloud-Trace-Context`. */
export function parseTraceHeaders(headers: Record<string, string | string[] | undefined>): {
  traceId?: string;
  spanId?: string;
} {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const traceparent = first(headers['traceparent']);
  const w3c = traceparent?.match(/^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/);
  if (w3c) return { traceId: w3c[1], spanId: w3c[2] };
  const cloud = first(headers['x-cloud-trace-context'])?.match(/^([\da-f]{32})(?:\/(\d+))?/);
  if (cloud) return { traceId: cloud[1], ...(cloud[2] ? { spanId: cloud[2] } : {}) };
  return {};
}
