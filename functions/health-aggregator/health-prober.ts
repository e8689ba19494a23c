import type { ServiceDefinition } from '@backbone/shared/health';

/** What one HTTP check saw; the aggregator decides what it means. */
export interface ProbeObservation {
  httpStatus: number | null;
  latencyMs: number;
  /** The body (first 64 KiB), read only when the service has a body condition. */
  body?: string;
  /** Set when no HTTP answer came at all. */
  failure?: 'timeout' | 'connection';
}

/** Checks one service within its own timeout; never throws. */
export interface HealthProber {
  probe(service: ServiceDefinition): Promise<ProbeObservation>;
}
