import { NotFoundError, PolicyDeniedError, type Caller, type Clock } from '@backbone/shared/core';
import { principalOf, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import type { StepStore, StoredStep } from '@backbone/shared/runlogs';

/** What every reader allowed to see a run gets: the steps' shape, timings and model metadata. */
const METADATA_FIELDS = [
  'runId',
  'agentId',
  'agentVersion',
  'step',
  'kind',
  'model',
  'startedAt',
  'endedAt',
  'durationMs',
] as const;
/** What only the tenant's own users get (000#52): what the steps said. */
const CONTENT_FIELDS = ['text', 'payload'] as const;

export interface RunReadDeps {
  store: StepStore;
  holder: PolicyHolder;
  audit: AuditLog;
  clock: Clock;
  source: string;
}

/**
 * A run's steps, read under audit (000#21): the policies decide what the caller sees: the run's
 * metadata (`view` on the agent: its tenant's users, platform staff by role) and its content
 * (`view` on the tenant's customer data: never a Platform Portal user, 000#52). Every read, and
 * every refusal, leaves an access record naming who read which run and which fields they got.
 */
export async function readRun(deps: RunReadDeps, caller: Caller, tenant: string, agentId: string, runId: string) {
  const principal = principalOf(caller);
  const engine = deps.holder.engine;
  const sees = (resource: Parameters<typeof engine.decide>[0]['resource']) =>
    engine.decide({ principal, action: 'view', resource, context: {} }).decision === 'allow';
  const metadata = sees({ type: 'Agent', id: agentId, tenant, status: 'unknown', certified: false });
  const content = metadata && sees({ type: 'CustomerData', id: `run:${runId}`, tenant });
  const fields: string[] = metadata ? [...METADATA_FIELDS, ...(content ? CONTENT_FIELDS : [])] : [];
  const steps = metadata ? await deps.store.steps(tenant, agentId, runId) : [];
  await deps.audit.append([
    {
      actor: { type: principal.type, id: principal.id },
      action: 'runs.read',
      target: { type: 'Run', id: `${tenant}/${agentId}/${runId}` },
      outcome: metadata ? 'allow' : 'deny',
      source: deps.source,
      at: deps.clock.now().toISOString(),
      details: { fields, steps: steps.length },
    },
  ]);
  if (!metadata) throw new PolicyDeniedError(`Reading run ${runId} is not allowed.`, []);
  if (steps.length === 0) throw new NotFoundError(`No run ${runId} of agent ${agentId} in ${tenant}.`);
  return { runId, tenant, agentId, fields, steps: steps.map((s) => pick(s, fields)) };
}

function pick(step: StoredStep, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, step[f as keyof StoredStep]]));
}
