/** The trace of a request as Cloud Logging and Cloud Trace want it: ids in hex, and whether it is sampled. */
export interface TraceContext {
  traceId?: string;
  /** 16 hex digits. */
  spanId?: string;
  sampled?: boolean;
}

/**
 * From W3C `traceparent` (`00-<trace>-<span>-<flags>`, sampled when flags has bit 0), else Google's
 * `X-Cloud-Trace-Context` (`<trace>/<decimal span>;o=<0|1>`, its span converted to hex).
 */
export function parseTraceHeaders(headers: Record<string, string | string[] | undefined>): TraceContext {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const traceparent = first(headers['traceparent']);
  const w3c = traceparent?.match(/^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/);
  if (w3c) return { traceId: w3c[1], spanId: w3c[2], sampled: (parseInt(w3c[3]!, 16) & 1) === 1 };
  const cloud = first(headers['x-cloud-trace-context'])?.match(/^([\da-f]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?/);
  if (!cloud) return {};
  const span = cloud[2] ? hexSpan(cloud[2]) : undefined;
  return {
    traceId: cloud[1],
    ...(span ? { spanId: span } : {}),
    ...(cloud[3] !== undefined ? { sampled: cloud[3] === '1' } : {}),
  };
}

/** A decimal span id (X-Cloud-Trace-Context) as the 16 hex digits Cloud Logging expects; none past 64 bits. */
function hexSpan(decimal: string): string | undefined {
  const value = BigInt(decimal);
  return value > 0n && value < 2n ** 64n ? value.toString(16).padStart(16, '0') : undefined;
}
