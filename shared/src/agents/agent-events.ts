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
  },
});
export type AgentEventType = keyof typeof agentEvents.events;
