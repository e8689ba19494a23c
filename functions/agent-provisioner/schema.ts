import { BaseConfigSchema, jsonEnv } from '@backbone/shared/core';
import { AgentIdSchema } from '@backbone/shared/agents';
import { provisioningEvents } from '@backbone/shared/billing';
import { z } from 'zod';

/** Which marketplace agents (ids in the platform tenant) each Stripe price provisions (000#3). */
export const PlanAgentsSchema = z.record(
  z.string().regex(/^price_[A-Za-z0-9]{1,100}$/),
  z.array(AgentIdSchema).max(20),
);
export type PlanAgents = z.infer<typeof PlanAgentsSchema>;

export const AgentProvisionerConfigSchema = BaseConfigSchema.extend({
  PLAN_AGENTS: jsonEnv(PlanAgentsSchema),
});

/** A checkout's provisioning, and its compensation. */
export const consumedEvents = provisioningEvents.consume('provisioning.requested', 'provisioning.cancelled');
