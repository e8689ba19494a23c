import { BaseConfigSchema } from '@backbone/shared/core';
import { agentEvents } from '@backbone/shared/agents';
import { z } from 'zod';

export const AgentCertificationConfigSchema = BaseConfigSchema.extend({
  GENESIS_URL: z.url(),
  GENESIS_CALLBACK_URL: z.url(),
  GENESIS_SIGNING_SECRET: z.string().min(16, 'at least 16 characters'),
  GENESIS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

/**
 * A submission is announced as a status change, a live agent's next version as a certification
 * request; the other agent events are acknowledged and ignored.
 */
export const consumedEvents = agentEvents.consume('agent.status_changed', 'agent.certification_requested');
