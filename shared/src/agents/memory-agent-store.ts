import { publishInKeyOrder, type OutboxEntry } from '../core/events/outbox';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { AgentVersion } from './agent-spec';
import type { AgentRecord } from './agent-record';
import { AgentStateError } from './lifecycle';
import type { AgentFilter, AgentPlan, AgentRun, AgentStore, RunOutcome, RunAdmission } from './agent-store';

/** The AgentStore contract in memory (single-threaded, so every apply is atomic). */
export class MemoryAgentStore implements AgentStore {
  readonly agents = new Map<string, AgentRecord>();
  readonly versionsOf = new Map<string, Map<string, AgentVersion>>();
  readonly outbox = new Map<string, OutboxEntry & { at: Date }>();
  readonly violations = new Map<string, Date>();
  readonly runs = new Map<string, AgentRun & { outcome?: RunOutcome; endedAt?: Date }>();

  /** Puts records as they are (a test's starting state). */
  put(...records: AgentRecord[]): this {
    for (const record of records) this.agents.set(`${record.tenant}/${record.id}`, structuredClone(record));
    return this;
  }

  async get(tenant: string, id: string) {
    const record = this.agents.get(`${tenant}/${id}`);
    return record ? structuredClone(record) : undefined;
  }

  async list(tenant: string, filter: AgentFilter, page: { after?: string; limit: number }) {
    const matching = [...this.agents.values()]
      .filter((a) => a.tenant === tenant)
      .filter(
        (a) =>
          (!filter.status || a.status === filter.status) && (!filter.specialty || a.specialty === filter.specialty),
      )
      .filter((a) => !page.after || a.id > page.after)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const agents = matching.slice(0, page.limit).map((a) => structuredClone(a));
    return { agents, next: matching.length > page.limit ? agents.at(-1)!.id : null };
  }

  async versions(tenant: string, id: string) {
    return [...(this.versionsOf.get(`${tenant}/${id}`)?.values() ?? [])].map((v) => structuredClone(v));
  }

  async apply(tenant: string, id: string, version: string | undefined, plan: AgentPlan) {
    const key = `${tenant}/${id}`;
    const current = await this.get(tenant, id);
    const existing = version ? this.versionsOf.get(key)?.get(version) : undefined;
    const change = plan(current, existing ? structuredClone(existing) : undefined);
    if (!change) return current;
    if (change.record) this.agents.set(key, structuredClone(change.record));
    else {
      this.agents.delete(key);
      this.versionsOf.delete(key);
    }
    if (change.newVersion) {
      const versions = this.versionsOf.get(key) ?? new Map<string, AgentVersion>();
      versions.set(change.newVersion.version, structuredClone(change.newVersion));
      this.versionsOf.set(key, versions);
    }
    for (const entry of change.events) this.outbox.set(entry.event.id, { ...entry, at: new Date(entry.event.time) });
    return change.record ? structuredClone(change.record) : undefined;
  }

  async registerRun(tenant: string, id: string, runId: string, now: Date, leaseMs: number, admit: RunAdmission) {
    const key = `${tenant}/${id}/${runId}`;
    const existing = this.runs.get(key);
    if (existing?.outcome)
      throw new AgentStateError(`Run ${runId} has ended; a new run takes a new id.`, { run: runId });
    const version = existing?.version ?? admit(await this.get(tenant, id));
    const run = {
      runId,
      version,
      startedAt: existing?.startedAt ?? now,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
    };
    this.runs.set(key, run);
    return { ...run };
  }

  async heartbeat(tenant: string, id: string, runId: string, now: Date, leaseMs: number) {
    const run = this.runs.get(`${tenant}/${id}/${runId}`);
    if (!run || run.leaseExpiresAt <= now) return undefined;
    run.leaseExpiresAt = new Date(now.getTime() + leaseMs);
    return { ...run };
  }

  async finishRun(tenant: string, id: string, runId: string, outcome: RunOutcome, at: Date) {
    const run = this.runs.get(`${tenant}/${id}/${runId}`);
    if (!run || run.outcome) return false;
    Object.assign(run, { outcome, endedAt: at, leaseExpiresAt: at });
    return true;
  }

  async runOutcomes(tenant: string, id: string, since: Date) {
    const ended = [...this.runs.entries()]
      .filter(([k, r]) => k.startsWith(`${tenant}/${id}/`) && r.endedAt && r.endedAt >= since)
      .map(([, r]) => r);
    return { ended: ended.length, failed: ended.filter((r) => r.outcome === 'failed').length };
  }

  async hasActiveRuns(tenant: string, id: string, now: Date) {
    return [...this.runs.entries()].some(([k, r]) => k.startsWith(`${tenant}/${id}/`) && r.leaseExpiresAt > now);
  }

  async recordViolation(tenant: string, id: string, decisionId: string, at: Date) {
    const key = `${tenant}/${id}/${decisionId}`;
    if (this.violations.has(key)) return false;
    this.violations.set(key, at);
    return true;
  }

  async violationsSince(tenant: string, id: string, since: Date) {
    return [...this.violations.entries()].filter(([k, at]) => k.startsWith(`${tenant}/${id}/`) && at >= since).length;
  }

  async upgradesInProgress(limit: number) {
    return [...this.agents.values()]
      .filter((a) => a.upgrade)
      .slice(0, limit)
      .map((a) => ({ tenant: a.tenant, id: a.id }));
  }

  async removeFromOutbox(eventIds: string[]) {
    for (const id of eventIds) this.outbox.delete(id);
  }

  async drainOutbox(publisher: EventPublisher, now: Date) {
    const due = [...this.outbox.values()]
      .filter((e) => e.at.getTime() < now.getTime() - 30_000)
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map(({ at: _at, ...entry }) => entry);
    const { sent, failure } = await publishInKeyOrder(publisher, due);
    await this.removeFromOutbox(sent);
    if (failure) throw failure;
    return sent.length;
  }
}
