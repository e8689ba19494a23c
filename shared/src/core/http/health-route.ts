/**
 * Every function's liveness route. `/healthz` ends in `z`, which Cloud Run reserves (Google
 * documents some such paths as taken by the platform), so the route is `/health`; `/healthz`
 * still answers until its sunset, saying so (RFC 9745 `Deprecation`, RFC 8594 `Sunset`, and the
 * successor as a `Link`) (000#43).
 */
export const HEALTH_PATH = '/health';
export const DEPRECATED_HEALTH_PATH = '/healthz';
/** Deprecated on 2026-12-07, answered until 2027-03-07 (90 days). */
export const HEALTHZ_DEPRECATION = {
  Deprecation: `@${Date.UTC(2026, 11, 7) / 1000}`,
  Sunset: new Date(Date.UTC(2027, 2, 7)).toUTCString(),
  Link: `<${HEALTH_PATH}>; rel="successor-version"`,
};
export const HEALTHY = { status: 'ok' } as const;
