import type { HealthSample, Incident, PlatformSnapshot, ServiceDefinition, ServiceState } from './health-schemas';
import type { OutboxEntry } from '../core/events/outbox';
import type { HealthStore, SampleWriter, ServiceChange } from './health-store';
import { historyEntry, type HourHistory } from './history';

/** The HealthStore contract in memory; `failNextApply` simulates a crash between checks and commit. */
export class MemoryHealthStore implements HealthStore {
  readonly services = new Map<string, ServiceDefinition>();
  readonly states = new Map<string, ServiceState>();
  readonly samples: HealthSample[] = [];
  readonly incidents = new Map<string, Incident>();
  readonly outbox: OutboxEntry[] = [];
  readonly completedRounds = new Set<string>();
  snapshot: PlatformSnapshot | undefined;
  private lease: { round: string; until: number } | undefined;
  private failApply = false;

  failNextApply(): void {
    this.failApply = true;
  }
  async listServices() {
    return [...this.services.values()];
  }
  async putService(service: ServiceDefinition) {
    this.services.set(service.id, service);
  }
  async deleteService(id: string) {
    return this.services.delete(id);
  }
  async getService(id: string) {
    return this.services.get(id);
  }
  async getStates() {
    return new Map(this.states);
  }
  async beginRound(round: string, leaseMs: number, now: Date) {
    if (this.completedRounds.has(round)) return false;
    if (this.lease && this.lease.round !== round && this.lease.until > now.getTime()) return false;
    this.lease = { round, until: now.getTime() + leaseMs };
    return true;
  }
  readonly hours = new Map<string, HourHistory>();
  sampleWriter(): SampleWriter {
    return {
      add: (s) => {
        this.samples.push(s);
        const { hour, minute, value } = historyEntry(s);
        const key = `${s.serviceId}~${hour}`;
        const found = this.hours.get(key) ?? { serviceId: s.serviceId, hour, minutes: {} };
        found.minutes[minute] = value;
        this.hours.set(key, found);
      },
      close: async () => undefined,
    };
  }
  async getIncident(id: string) {
    return structuredClone(this.incidents.get(id));
  }
  async history(serviceIds: string[], hours: string[]) {
    return serviceIds.flatMap((id) =>
      hours.flatMap((h) => {
        const found = this.hours.get(`${id}~${h}`);
        return found ? [structuredClone(found)] : [];
      }),
    );
  }
  async applyChanges(changes: ServiceChange[], topic: string) {
    if (this.failApply) {
      this.failApply = false;
      throw new Error('crash while committing (test double)');
    }
    for (const c of changes) {
      this.states.set(c.state.serviceId, structuredClone(c.state));
      if (c.incident) this.incidents.set(c.incident.id, structuredClone(c.incident));
      for (const event of c.events) this.outbox.push({ event, topic, orderingKey: event.subject });
    }
  }
  async completeRound(snapshot: PlatformSnapshot) {
    this.snapshot = structuredClone(snapshot);
    this.completedRounds.add(snapshot.round);
    this.lease = undefined;
  }
  async releaseRound(round: string) {
    if (this.lease?.round === round) this.lease = undefined;
  }
  async pendingOutbox(limit: number) {
    return this.outbox.slice(0, limit);
  }
  async removeFromOutbox(ids: string[]) {
    const gone = new Set(ids);
    for (let i = this.outbox.length - 1; i >= 0; i--) if (gone.has(this.outbox[i]!.event.id)) this.outbox.splice(i, 1);
  }
  async getSnapshot() {
    return this.snapshot;
  }
  async listIncidents(filter: { status?: Incident['status']; serviceId?: string; limit: number }) {
    return [...this.incidents.values()]
      .filter(
        (i) =>
          (!filter.status || i.status === filter.status) && (!filter.serviceId || i.serviceId === filter.serviceId),
      )
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())
      .slice(0, filter.limit);
  }
  async samplesSince(serviceId: string, since: Date) {
    return this.samples
      .filter((s) => s.serviceId === serviceId && s.at >= since)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
