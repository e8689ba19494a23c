import { ConflictError, NotFoundError, TransientError } from '../core/errors/app-errors';
import type { AllowList, McpServerInput, McpServerRecord } from './registry';
import type { TrialState, TrialUsage } from './trial';
import type { Change, RegistryStore } from './registry-store';
import type { TrialStore } from './trial-store';

/** The TrialStore contract in memory (single-threaded, so counting is trivially atomic). */
export class MemoryTrialStore implements TrialStore {
  readonly trials = new Map<string, TrialState>();
  readonly counters = new Map<string, { day: string; actionsToday: number; spendCents: number }>();
  private readonly spendSeen = new Set<string>();

  async trialOf(tenant: string): Promise<TrialState | undefined> {
    return this.trials.get(tenant);
  }

  async usage(tenant: string, day: string): Promise<TrialUsage> {
    const current = this.counters.get(tenant);
    return {
      actionsToday: current?.day === day ? current.actionsToday : 0,
      spendCents: current?.spendCents ?? 0,
    };
  }

  async takeAction(tenant: string, day: string, limit: number, deadline: number) {
    if (Date.now() > deadline) throw new TransientError('the caller gave up before its action was counted');
    const current = this.counters.get(tenant) ?? { day, actionsToday: 0, spendCents: 0 };
    const actionsToday = current.day === day ? current.actionsToday : 0;
    if (actionsToday >= limit) return { taken: false, actionsToday };
    this.counters.set(tenant, { day, actionsToday: actionsToday + 1, spendCents: current.spendCents });
    return { taken: true, actionsToday: actionsToday + 1 };
  }

  async addSpend(tenant: string, usageId: string, cents: number) {
    const current = this.counters.get(tenant) ?? { day: '', actionsToday: 0, spendCents: 0 };
    if (this.spendSeen.has(`${tenant}/${usageId}`)) return { applied: false, spendCents: current.spendCents };
    this.spendSeen.add(`${tenant}/${usageId}`);
    this.counters.set(tenant, { ...current, spendCents: current.spendCents + cents });
    return { applied: true, spendCents: current.spendCents + cents };
  }

  async extend(tenant: string, endsAt: Date) {
    const trial = this.trials.get(tenant);
    if (!trial) throw new NotFoundError(`Tenant ${tenant} is not on a trial.`);
    this.trials.set(tenant, { ...trial, endsAt });
    return { before: trial.endsAt, after: endsAt };
  }
}

/** The RegistryStore contract in memory. */
export class MemoryRegistryStore implements RegistryStore {
  readonly lists = new Map<string, AllowList>();
  readonly servers = new Map<string, McpServerRecord>();

  async allowLists(scopes: string[]): Promise<AllowList[]> {
    return scopes.flatMap((s) => (this.lists.has(s) ? [this.lists.get(s)!] : []));
  }
  async putAllowList(scope: string, list: AllowList): Promise<void> {
    this.lists.set(scope, list);
  }
  async mcpServer(id: string) {
    return this.servers.get(id);
  }
  async listMcpServers() {
    return [...this.servers.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
  async createMcpServer(id: string, input: McpServerInput, change: Change) {
    if (this.servers.has(id)) throw new ConflictError(`MCP server ${id} already exists.`);
    const record = { id, ...input, createdAt: change.at, updatedAt: change.at, updatedBy: change.by };
    this.servers.set(id, record);
    return record;
  }
  async updateMcpServer(id: string, input: McpServerInput, change: Change) {
    const old = this.servers.get(id);
    if (!old) throw new NotFoundError(`No MCP server ${id}.`);
    const record = { ...old, ...input, updatedAt: change.at, updatedBy: change.by };
    this.servers.set(id, record);
    return record;
  }
  async deleteMcpServer(id: string) {
    if (!this.servers.delete(id)) throw new NotFoundError(`No MCP server ${id}.`);
  }
}
