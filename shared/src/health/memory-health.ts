import type { HealthSample, Incident, PlatformSnapshot, ServiceDefinition, ServiceState } from './health-schemas';
import { healthOutboxEntry } from './health-events';
import type { OutboxEntry } from '../core/events/outbox';
import type { HealthStore, SampleWriter, ServiceChange } from './health-store';
import { blockIds, fromBlocks, HistoryBlocks, type HistoryBlockDoc } from './history';

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
  readonly historyBlocks = new Map<string, HistoryBlockDoc>();
  sampleWriter(): SampleWriter {
    const history = new HistoryBlocks();
    return {
      add: (s) => {
        this.samples.push(s);
        history.add(s);
      },
      close: async () => {
        for (const block of history.blocks()) {
          const found = this.historyBlocks.get(block.id) ?? { hour: block.fields.hour, s: {} };
          for (const [id, minutes] of Object.entries(block.fields.s)) found.s[id] = { ...found.s[id], ...minutes };
          this.historyBlocks.set(block.id, found);
        }
      },
    };
  }
  async getIncident(id: string) {
    return structuredClone(this.incidents.get(id));
  }
  async history(serviceIds: string[], hours: string[]) {
    const blocks = hours.flatMap((h) => blockIds(h).flatMap((id) => this.historyBlocks.get(id) ?? []));
    return fromBlocks(structuredClone(blocks), serviceIds);
  }
  async applyChanges(changes: ServiceChange[], topic: string, onCommitted?: (entries: OutboxEntry[]) => void) {
    if (this.failApply) {
      this.failApply = false;
      throw new Error('crash while committing (test double)');
    }
    const entries: OutboxEntry[] = [];
    for (const c of changes) {
      this.states.set(c.state.serviceId, structuredClone(c.state));
      if (c.incident) this.incidents.set(c.incident.id, structuredClone(c.incident));
      for (const event of c.events) entries.push(healthOutboxEntry(event, topic));
    }
    this.outbox.push(...entries);
    if (entries.length > 0) onCommitted?.(entries);
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
