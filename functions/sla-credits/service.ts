import { type Logger } from '@backbone/shared/core';
import { type StripeGateway } from '@backbone/shared/billing';
import { type IncidentEvent } from '@backbone/shared/health';
import { creditPercentFor, slaPeriod } from './sla-policy';
import { type SlaStore } from './sla-store';

export interface SlaDeps {
  store: SlaStore;
  gateway: StripeGateway;
}

/**
 * One resolved incident: its downtime counts once in the month it was resolved for every live
 * subscription of the tenants using the service (or a service it took down). Crossing a tier
 * issues a credit note for the difference from what was credited already, with an idempotency
 * key per subscription, month and tier: a crash before it is recorded repeats the same request.
 */
export async function creditIncident(deps: SlaDeps, incident: IncidentEvent, log: Logger) {
  if (!incident.resolvedAt) return { credited: [] as string[] };
  const resolved = new Date(incident.resolvedAt);
  const downtimeMs = Math.max(0, resolved.getTime() - Date.parse(incident.openedAt));
  const { period, lengthMs } = slaPeriod(resolved);
  const credited: string[] = [];
  for (const { subscriptionId, tenantId } of await deps.store.affectedSubscriptions([
    incident.serviceId,
    ...incident.impacted,
  ])) {
    const month = await deps.store.recordDowntime(subscriptionId, period, incident.incidentId, downtimeMs);
    const uptimePercent = 100 * (1 - month.downtimeMs / lengthMs);
    const percent = creditPercentFor(uptimePercent);
    if (percent <= month.creditedPercent) continue;
    const invoice = await deps.store.latestPaidInvoice(subscriptionId);
    if (!invoice) {
      log.warn('SLA credit due but no paid invoice to credit', { subscriptionId, period, percent });
      continue;
    }
    const amount = Math.round((invoice.amountPaid * (percent - month.creditedPercent)) / 100);
    const { creditNoteId } = await deps.gateway.issueCreditNote(
      {
        invoiceId: invoice.invoiceId,
        amount,
        memo: `SLA credit ${period}: uptime ${uptimePercent.toFixed(3)}% (${percent}% tier)`,
        metadata: { tenant_id: tenantId, sla_period: period, sla_percent: String(percent) },
      },
      `sla-credit:${subscriptionId}:${period}:${percent}`,
    );
    await deps.store.markCredited(subscriptionId, period, percent, creditNoteId);
    log.info('SLA credit issued', { subscriptionId, period, percent, amount, creditNoteId });
    credited.push(creditNoteId);
  }
  return { credited };
}
