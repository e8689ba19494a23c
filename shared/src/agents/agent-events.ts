import { z } from 'zod';
import { defineTopic } from '../core/events/topic';

const LifecycleChangeSchema = z.object({
  tenant: z.string(),
  agentId: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  event: z.string(),
  lifecycle: z.number().int(),
  version: z.string().nullable(),
  by: z.string(),
  reason: z.string().optional(),
  /** The versions of an upgrade in progress (000#15). */
  upgrade: z.object({ from: z.string(), to: z.string() }).optional(),
});

const VersionAddedSchema = z.object({
  tenant: z.string(),
  agentId: z.string(),
  version: z.string(),
  specHash: z.string(),
  by: z.string(),
});

/**
 * `agent-events`: every change of an agent's lifecycle and every version added (000#3), ordered per
 * agent (ordering key = tenant/agent id), so a consumer never sees `deployed` before `certified`.
 */
export const agentEvents = defineTopic('agent-events', {
  ordered: true,
  events: {
    'agent.created': LifecycleChangeSchema,
    'agent.status_changed': LifecycleChangeSchema,
    'agent.version_added': VersionAddedSchema,
    'agent.deleted': LifecycleChangeSchema,
    /** The third rejection: the Platform Governor decides (000#17). */
    'agent.escalated': LifecycleChangeSchema,
    /** A marketplace agent provisioned to a tenant by its checkout (000#3). */
    'agent.provisioned': LifecycleChangeSchema,
    /** A deployed agent's next version sent to Genesis while the current one runs. */
    'agent.certification_requested': LifecycleChangeSchema,
    /** An upgrade started: new runs wait while the active ones drain (000#15). */
    'agent.upgrade_started': LifecycleChangeSchema,
    /** The deployed version switched and runs resumed on it. */
    'agent.upgraded': LifecycleChangeSchema,
    /** The third refused handoff within 7 days: the platform admins take it from here (000#20). */
    'agent.handoff_escalated': LifecycleChangeSchema,
  },
});
export type AgentEventType = keyof typeof agentEvents.events;
