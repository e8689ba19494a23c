// One check of one service: what its probe's observation means, and the sample stored of it.
import type { ErrorClass, HealthSample, ServiceDefinition } from '@backbone/shared/health';
import type { ProbeObservation } from './health-prober';

export interface CheckResult {
  ok: boolean;
  slow: boolean;
  errorClass: ErrorClass;
  httpStatus: number | null;
  latencyMs: number;
}

/** What an observation means for a service: its expected status, body condition and slowness. */
export function classify(service: ServiceDefinition, seen: ProbeObservation): CheckResult {
  const base = { httpStatus: seen.httpStatus, latencyMs: seen.latencyMs };
  if (seen.failure) return { ...base, ok: false, slow: false, errorClass: seen.failure };
  if (seen.httpStatus === null || !service.expectedStatus.includes(seen.httpStatus)) {
    return { ...base, ok: false, slow: false, errorClass: 'http_status' };
  }
  if (service.bodyCondition && !bodyMatches(service.bodyCondition, seen.body ?? '')) {
    return { ...base, ok: false, slow: false, errorClass: 'body_mismatch' };
  }
  return { ...base, ok: true, slow: seen.latencyMs > service.degradedAfterMs, errorClass: 'none' };
}

function bodyMatches(condition: NonNullable<ServiceDefinition['bodyCondition']>, body: string): boolean {
  if ('contains' in condition) return body.includes(condition.contains);
  try {
    let value: unknown = JSON.parse(body);
    for (const key of condition.jsonField.split('.')) {
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === condition.equals;
  } catch {
    return false;
  }
}

/** The stored sample of one check; it expires (Firestore TTL) after the retention period. */
export function toSample(
  serviceId: string,
  check: CheckResult,
  round: string,
  at: Date,
  retentionDays: number,
): HealthSample {
  return {
    serviceId,
    round,
    at,
    ok: check.ok,
    slow: check.slow,
    httpStatus: check.httpStatus,
    latencyMs: check.latencyMs,
    errorClass: check.errorClass,
    expireAt: new Date(at.getTime() + retentionDays * 86_400_000),
  };
}
