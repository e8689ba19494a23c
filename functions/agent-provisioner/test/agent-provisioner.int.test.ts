import { SHIPPED_LIFECYCLES } from '@backbone/shared/agents';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { BILLING_COLLECTIONS, provisioningEvents } from '@backbone/shared/billing';
import {
  agentRecord,
  captureLogs,
  ManualClock,
  MemoryAuditLog,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  RecordingEventPublisher,
  seedAgents,
  emulatorFirestore,
} from '@backbone/shared/testing';
import { FirestoreSubscriptionPrices } from '../adapters/firestore-subscription-prices';
import { makeHandler } from '../handler';

// The subscription as the webhook records it, the marketplace agent and its copy in the Firestore emulator.
const db = emulatorFirestore();

describe('agent-provisioner on Firestore', () => {
  it('reads the price the webhook recorded and provisions the marketplace agent with its version', async () => {
    const store = new FirestoreAgentStore(db);
    const spec = {
      model: { provider: 'p', name: 'm', temperature: 0 },
      instructions: 'Triage.',
      tools: [],
      mcpServers: [],
      integrations: [],
    };
    await seedAgents(store, agentRecord('platform', 'triage'));
    await store.apply('platform', 'triage', '1.0.0', (a) => ({
      record: a!,
      newVersion: {
        version: '1.0.0',
        spec,
        changelog: '',
        specHash: 'sha256:t',
        author: 'user:im',
        createdAt: new Date(),
      },
      events: [],
    }));
    const prices = new FirestoreSubscriptionPrices(db);
    expect(await prices.of('sub_prov')).toBeUndefined();
    await db
      .collection(BILLING_COLLECTIONS.subscriptions)
      .doc('sub_prov')
      .set({ tenantId: 'acme', priceId: 'price_growth', status: 'active' });
    expect(await prices.of('sub_prov')).toEqual({ tenantId: 'acme', priceId: 'price_growth' });
    const handler = makeHandler({
      store,
      subscriptions: prices,
      plans: { price_growth: ['triage'] },
      lifecycles: SHIPPED_LIFECYCLES,
      audit: new MemoryAuditLog(),
      publisher: new RecordingEventPublisher(),
      clock: new ManualClock(),
      source: 'backbone/agent-provisioner',
      failures: new MemoryFailureRecorder(),
      logger: captureLogs().logger,
    });
    await handler(
      pubsubCloudEvent(
        provisioningEvents.event('provisioning.requested', {
          id: 'provisioning.requested:saga-int',
          source: 'backbone/provisioning-saga',
          subject: 'sub_prov',
          time: new Date(),
          tenant: 'acme',
          data: { tenantId: 'acme', subscriptionId: 'sub_prov', sagaId: 'saga-int' },
        }),
      ),
    );
    expect(await store.get('acme', 'triage')).toMatchObject({
      status: 'deployed',
      deployedVersion: '1.0.0',
      origin: { sagaId: 'saga-int' },
    });
    expect((await store.versions('acme', 'triage')).map((v) => [v.version, v.specHash])).toEqual([
      ['1.0.0', 'sha256:t'],
    ]);
  });
});
