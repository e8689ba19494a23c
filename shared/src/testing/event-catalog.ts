import { agentEvents } from '../agents/agent-events';
import { approvalEvents } from '../approvals/approval-events';
import { tenantNotices } from '../approvals/tenant-notices';
import { pepViolations } from '../policy/pep-events';
import { runSteps } from '../runlogs/run-log-events';
import { billingEvents, provisioningEvents } from '../billing/billing-events';
import { cacheInvalidations } from '../constitution/constitution-events';
import type { Topic } from '../core/events/topic';
import { healthEvents } from '../health/health-events';
import { knowledgeEvents, scrapeRequests } from '../scraping/scraping-events';

/** Every topic Backbone publishes to, each defined once in its domain. */
export const EVENT_CATALOG: readonly Topic[] = [
  billingEvents,
  provisioningEvents,
  healthEvents,
  scrapeRequests,
  knowledgeEvents,
  cacheInvalidations,
  agentEvents,
  pepViolations,
  runSteps,
  approvalEvents,
  tenantNotices,
];

export function catalogTopic(name: string): Topic | undefined {
  return EVENT_CATALOG.find((topic) => topic.name === name);
}
