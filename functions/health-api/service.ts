import { parseWith, percentile } from '@backbone/shared/core';
import type { HealthSample, ServiceDefinition } from '@backbone/shared/health';
import { ServiceRegistrationSchema } from './schema';

export interface WindowStats {
  samples: number;
  /** Share of checks that succeeded, 0..1; null with no samples. */
  uptimeRatio: number | null;
  latencyMs: { p50: number | null; p95: number | null };
  errors: Record<string, number>;
}

/** Uptime and latency percentiles of a service over a window of samples. */
export function windowStats(samples: HealthSample[]): WindowStats {
  const ok = samples.filter((s) => s.ok).length;
  const latencies = samples
    .filter((s) => s.httpStatus !== null)
    .map((s) => s.latencyMs)
    .sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const s of samples) if (!s.ok) errors[s.errorClass] = (errors[s.errorClass] ?? 0) + 1;
  return {
    samples: samples.length,
    uptimeRatio: samples.length === 0 ? null : Math.round((ok / samples.length) * 1e6) / 1e6,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    errors,
  };
}

/**
 * A registry entry from an admin's request body: the service definition, its id taken from the
 * path (a body naming another id is refused), as `PUT /v1/health/services/{id}` takes it; the seeder
 * of `npm start` registers through it.
 */
export function registryEntry(id: string, body: unknown): ServiceDefinition {
  const input = parseWith(ServiceRegistrationSchema, body ?? {}, 'body');
  return { id, ...input };
}
