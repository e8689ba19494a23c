import type { EventEnvelope } from '../core/events/envelope';
import type { OutboxEntry } from '../core/events/outbox';
import type { HealthSample, Incident, PlatformSnapshot, ServiceDefinition, ServiceState } from './health-schemas';
import type { HourHistory } from './history';

/** One service's changes in a round, written atomically with the events they cause. */
export interface ServiceChange {
  state: ServiceState;
  incident?: Incident;
  events: EventEnvelope[];
}

export interface SampleWriter {
  add(sample: HealthSample): void;
  close(): Promise<void>;
}

/**
 * Health data: the registry, per-service state, samples, incidents, the platform snapshot, and
 * the outbox that makes "state changed" and "event published" one thing even across crashes.
 */
export interface HealthStore {
  listServices(): Promise<ServiceDefinition[]>;
  putService(service: ServiceDefinition): Promise<void>;
  /** Removes a service from the registry; false when it was not registered. */
  deleteService(id: string): Promise<boolean>;
  getService(id: string): Promise<ServiceDefinition | undefined>;
  getStates(): Promise<Map<string, ServiceState>>;
  /**
   * Takes the aggregator's lease for a round; false when another round holds it (a retried or
   * overlapping schedule) or this round already ran.
   */
  beginRound(round: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Samples are added as checks finish and written in the background; `close` waits for all and fails if any failed. */
  sampleWriter(): SampleWriter;
  /**
   * Writes each change (state, incident, outbox entries) atomically per service; `onCommitted` gets
   * the outbox entries of each commit as it lands, so they can be published while the rest commit.
   */
  applyChanges(changes: ServiceChange[], topic: string, onCommitted?: (entries: OutboxEntry[]) => void): Promise<void>;
  completeRound(snapshot: PlatformSnapshot): Promise<void>;
  /** Gives the lease up after a failed round. */
  releaseRound(round: string): Promise<void>;
  /** Outbox entries in the order they were written. */
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  removeFromOutbox(eventIds: string[]): Promise<void>;
  getSnapshot(): Promise<PlatformSnapshot | undefined>;
  listIncidents(filter: { status?: Incident['status']; serviceId?: string; limit: number }): Promise<Incident[]>;
  samplesSince(serviceId: string, since: Date): Promise<HealthSample[]>;
  /** One incident, open or resolved. */
  getIncident(id: string): Promise<Incident | undefined>;
  /** The hourly histories of these services for these hours (`YYYY-MM-DDTHH`); missing hours are absent. */
  history(serviceIds: string[], hours: string[]): Promise<HourHistory[]>;
}
