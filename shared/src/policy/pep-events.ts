import { z } from 'zod';
import { defineTopic } from '../core/events/topic';

const ViolationSchema = z.object({
  tenant: z.string(),
  agentId: z.string(),
  /** Unique per decision: a consumer counts each violation once. */
  decisionId: z.string(),
  /** The constitutional forbids that denied it. */
  policies: z.array(z.string()).min(1),
  action: z.string(),
  resource: z.object({ type: z.string(), id: z.string() }),
  principal: z.object({ type: z.string(), id: z.string() }),
});

/**
 * `pep-violations`: a decision in which a constitutional forbid denied an agent's action (000#55),
 * ordered per agent (`tenant/agent`). The agents domain counts them towards suspension.
 */
export const pepViolations = defineTopic('pep-violations', {
  ordered: true,
  events: { 'pep.constitutional_violation': ViolationSchema },
});
