import { declaredRoutes } from '@backbone/shared/gcp';
import {
  agentRecord,
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryAgentStore,
  RecordingEventPublisher,
  StaticAuthenticator,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const at = new Date('2026-12-07T10:00:00Z');
const upgrading = (id: string) =>
  agentRecord('acme', id, {
    upgrade: { from: '1.0.0', to: '1.1.0', step: 'draining', startedAt: at, by: 'user:u' },
    certifiedVersions: ['1.0.0', '1.1.0'],
  });

describe('agent-upgrades', () => {
  it('switches the upgrades with no live run and leaves the others draining', async () => {
    const store = new MemoryAgentStore().put(upgrading('idle'), upgrading('busy'), agentRecord('acme', 'calm'));
    const clock = new ManualClock(at);
    await store.registerRun('acme', 'busy', 'r1', at, 60_000, () => '1.0.0');
    const handler = makeHandler(
      {
        store,
        publisher: new RecordingEventPublisher(),
        clock,
        source: 'backbone/agent-upgrades',
        logger: captureLogs().logger,
      },
      {
        declared: declaredRoutes(manifest),
        authenticator: new StaticAuthenticator({
          scheduler: { kind: 'service', email: 'scheduler@example.iam.gserviceaccount.com', subject: 'scheduler' },
        }),
      },
    );
    const fire = () =>
      invokeHttp(handler, { method: 'POST', path: '/', headers: { authorization: 'Bearer scheduler' } });
    expect((await fire()).json()).toEqual({ upgrading: 2, done: 1 });
    expect([
      (await store.get('acme', 'idle'))!.deployedVersion,
      (await store.get('acme', 'busy'))!.upgrade?.step,
    ]).toEqual(['1.1.0', 'draining']);
    expect((await invokeHttp(handler, { method: 'POST', path: '/' })).status).toBe(401);
  });
});
