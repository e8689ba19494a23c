import { healthEventTypes } from '@backbone/shared/health';
import { captureLogs } from '@backbone/shared/testing';
import { MemoryTicketStore } from './memory-ticket-store';
import { applyIncidentEvent } from '../service';

const incident = {
  incidentId: 'inc-1',
  serviceId: 'db',
  severity: 'critical' as const,
  impacted: ['api'],
  openedAt: '2026-11-23T10:00:00.000Z',
  resolvedAt: null,
};

describe('applyIncidentEvent', () => {
  it('tickets each tenant once, across root and impacted services, skipping inactive subscriptions', async () => {
    const store = new MemoryTicketStore();
    store.subscriptions.push(
      { subscriptionId: 's1', tenantId: 't1', status: 'active', services: ['db'] },
      { subscriptionId: 's2', tenantId: 't1', status: 'active', services: ['api'] },
      { subscriptionId: 's3', tenantId: 't2', status: 'trialing', services: ['api'] },
      { subscriptionId: 's4', tenantId: 't3', status: 'canceled', services: ['db'] },
      { subscriptionId: 's5', tenantId: 't4', status: 'active', services: ['web'] },
    );
    const log = captureLogs().logger;
    expect(await applyIncidentEvent(store, healthEventTypes.incidentOpened, incident, log)).toEqual({
      affected: 3,
      opened: 2,
      resolved: 0,
      tell: { state: 'opened', tenants: ['t1', 't2'] },
    });
    expect(await applyIncidentEvent(store, healthEventTypes.incidentUpdated, incident, log)).toEqual({
      affected: 3,
      opened: 0,
      resolved: 0,
      tell: { state: 'opened', tenants: ['t1', 't2'] },
    });
    expect(
      await applyIncidentEvent(
        store,
        healthEventTypes.incidentResolved,
        { ...incident, resolvedAt: '2026-11-23T11:00:00.000Z' },
        log,
      ),
    ).toMatchObject({ resolved: 2, tell: { state: 'resolved', tenants: ['t1', 't2'] } });
    expect([...store.tickets.values()].map((t) => `${t.tenantId}:${t.status}`).sort()).toEqual([
      't1:resolved',
      't2:resolved',
    ]);
  });
});
