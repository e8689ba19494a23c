import { InvalidEventError, TransientError, type Logger } from '@backbone/shared/core';
import { serviceRecord } from '@backbone/shared/audit';
import {
  applyAndPublish,
  lifecycleEvent,
  announced,
  revised,
  newAgentRecord,
  type AgentRecord,
  type AgentWriterDeps,
} from '@backbone/shared/agents';
import type { PlanAgents } from './schema';
import type { SubscriptionPrices } from './subscription-prices';

/** The marketplace: agents of the platform tenant, curated by Industry Managers, certified by Genesis. */
export const MARKETPLACE_TENANT = 'platform';
const BY = 'service:agent-provisioner';

export interface ProvisionerDeps extends AgentWriterDeps {
  subscriptions: SubscriptionPrices;
  plans: PlanAgents;
}

type Request = { tenantId: string; subscriptionId: string; sagaId: string };

/**
 * A checkout ends in provisioned agents (000#3, 000#7): each marketplace agent the subscription's
 * price names is copied to the tenant, deployed on the marketplace agent's certified version (same
 * spec, same hash, its certification and conformity with it), and announced as `agent.provisioned`.
 * An agent the tenant already has under that id is left as it is, so a redelivery changes nothing.
 */
export async function provision(deps: ProvisionerDeps, request: Request, log: Logger): Promise<string[]> {
  const subscription = await deps.subscriptions.of(request.subscriptionId);
  // The webhook may apply the subscription after the checkout: Pub/Sub delivers again.
  if (!subscription) throw new TransientError(`subscription ${request.subscriptionId} is not recorded yet`);
  if (subscription.tenantId !== request.tenantId)
    throw new InvalidEventError(`subscription ${request.subscriptionId} belongs to another tenant`);
  const provisioned: string[] = [];
  for (const templateId of deps.plans[subscription.priceId] ?? []) {
    const template = await deps.store.get(MARKETPLACE_TENANT, templateId);
    const version = template?.deployedVersion
      ? (await deps.store.versions(MARKETPLACE_TENANT, templateId)).find((v) => v.version === template.deployedVersion)
      : undefined;
    if (!template || template.status !== 'deployed' || !version) {
      log.error('marketplace agent not deployed: not provisioned', {
        template: templateId,
        price: subscription.priceId,
      });
      continue;
    }
    const at = deps.clock.now();
    const copy = { ...version, author: BY, createdAt: at };
    let created = false;
    await applyAndPublish(deps, request.tenantId, templateId, version.version, (current) => {
      if (current) return null;
      created = true;
      const base = newAgentRecord(deps.lifecycles, { ...template, tenant: request.tenantId }, copy, BY, at);
      const record: AgentRecord = {
        ...base,
        status: 'deployed',
        candidateVersion: version.version,
        deployedVersion: version.version,
        certification: template.certification,
        conformity: template.conformity,
        origin: { template: `${MARKETPLACE_TENANT}/${templateId}`, sagaId: request.sagaId },
        note: { event: 'provision', reason: `checkout saga ${request.sagaId}`, by: BY, at },
      };
      return {
        record,
        newVersion: copy,
        events: [
          lifecycleEvent(deps.source, 'agent.provisioned', record, { from: null, event: 'provision', by: BY, at }),
        ],
      };
    });
    if (created) {
      provisioned.push(templateId);
      await audit(deps, request, templateId, 'agents.provision', {
        version: version.version,
        specHash: version.specHash,
      });
    }
  }
  return provisioned;
}

/** A compensated checkout: the agents it provisioned are retired (their records and versions stay). */
export async function deprovision(deps: ProvisionerDeps, request: Request, log: Logger): Promise<string[]> {
  const retired: string[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.list(request.tenantId, {}, { ...(after ? { after } : {}), limit: 100 });
    for (const agent of page.agents.filter((a) => a.origin?.sagaId === request.sagaId && a.status !== 'retired')) {
      const at = deps.clock.now();
      await applyAndPublish(deps, request.tenantId, agent.id, undefined, (current) => {
        if (!current || current.status === 'retired') return null;
        const status = deps.lifecycles.next(current.lifecycle, current.status, 'retire');
        const note = { event: 'retire', reason: `checkout saga ${request.sagaId} cancelled`, by: BY, at };
        const record = revised(current, { status, note }, BY, at);
        return announced(deps.source, 'agent.status_changed', record, {
          from: current.status,
          event: 'retire',
          by: BY,
          at,
        });
      });
      retired.push(agent.id);
      await audit(deps, request, agent.id, 'agents.deprovision', {});
    }
    after = page.next ?? undefined;
  } while (after);
  if (retired.length === 0) log.info('nothing provisioned by this saga to retire', { saga: request.sagaId });
  return retired;
}

function audit(
  deps: ProvisionerDeps,
  request: Request,
  agentId: string,
  action: string,
  details: Record<string, unknown>,
) {
  const target = { type: 'Agent', id: `${request.tenantId}/${agentId}` };
  const context = { saga: request.sagaId, subscription: request.subscriptionId, ...details };
  const change = { action, target, outcome: 'allow', details: context };
  return deps.audit.append([serviceRecord(deps.source, deps.clock.now(), change, 'agent-provisioner')]);
}
