import { agentEvents, type CertificationRequest } from '@backbone/shared/agents';
import {
  agentRecord,
  captureLogs,
  MemoryAgentStore,
  MemoryFailureRecorder,
  pubsubCloudEvent,
} from '@backbone/shared/testing';
import type { GenesisClient } from '../genesis-client';
import { makeHandler } from '../handler';

/** Records what would have been sent to Genesis; can be told to fail. */
class RecordingGenesisClient implements GenesisClient {
  readonly sent: CertificationRequest[] = [];
  failWith: Error | undefined;
  async requestCertification(request: CertificationRequest): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.sent.push(structuredClone(request));
  }
}

const REQUEST = 'agent.status_changed:acme~bot@2';
const submitted = agentRecord('acme', 'bot', {
  status: 'submitted',
  candidateVersion: '1.0.0',
  deployedVersion: null,
  revision: 2,
  certification: {
    requestId: REQUEST,
    version: '1.0.0',
    requestedAt: new Date('2026-12-07T10:00:00Z'),
    stage: 'requested',
    percent: 0,
    callbacks: [],
  },
});
const spec = {
  model: { provider: 'vertex-ai', name: 'gemini', temperature: 0 },
  instructions: 'x',
  tools: [],
  mcpServers: [],
  integrations: [],
};

function setup(record = submitted) {
  const store = new MemoryAgentStore().put(record);
  store.versionsOf.set(
    'acme/bot',
    new Map([
      [
        '1.0.0',
        { version: '1.0.0', spec, changelog: '', specHash: 'sha256:abc', author: 'user:u', createdAt: new Date() },
      ],
    ]),
  );
  const genesis = new RecordingGenesisClient();
  const failures = new MemoryFailureRecorder();
  const handler = makeHandler({
    store,
    genesis,
    callbackUrl: 'https://api.example/v1/genesis/callbacks',
    failures,
    logger: captureLogs().logger,
  });
  return { store, genesis, failures, handler };
}
const submission = (id = REQUEST, to = 'submitted') =>
  pubsubCloudEvent(
    agentEvents.event('agent.status_changed', {
      id,
      source: 'backbone/agents',
      subject: 'acme/bot',
      time: new Date('2026-12-07T10:00:00Z'),
      tenant: 'acme',
      data: {
        tenant: 'acme',
        agentId: 'bot',
        from: 'draft',
        to,
        event: 'submit',
        lifecycle: 1,
        version: '1.0.0',
        by: 'user:u',
      },
    }),
  );

describe('agent-certification (000#2)', () => {
  it('asks Genesis once per submission, with the version, its hash and where to call back', async () => {
    const { genesis, handler } = setup();
    await handler(submission());
    await handler(submission()); // a redelivery asks again under the same request id
    expect(genesis.sent).toHaveLength(2);
    expect(genesis.sent[0]).toEqual({
      requestId: REQUEST,
      tenant: 'acme',
      agentId: 'bot',
      version: '1.0.0',
      specHash: 'sha256:abc',
      spec,
      callbackUrl: 'https://api.example/v1/genesis/callbacks',
      submittedAt: '2026-12-07T10:00:00.000Z',
    });
    expect(new Set(genesis.sent.map((r) => r.requestId)).size).toBe(1);
  });

  it.each([
    ['another status change', submission(REQUEST, 'retired')],
    ['a submission the agent has moved past', submission('agent.status_changed:acme~bot@1')],
  ])('does not ask for %s', async (_, event) => {
    const { genesis, handler, failures } = setup();
    await handler(event);
    expect([genesis.sent, failures.letters.size]).toEqual([[], 0]);
  });

  it('lets Pub/Sub deliver again while Genesis is unavailable, and dead-letters what Genesis refuses for good', async () => {
    const { genesis, handler, failures } = setup();
    const { TransientError, InvalidEventError } = await import('@backbone/shared/core');
    genesis.failWith = new TransientError('Genesis answered 503');
    await expect(handler(submission())).rejects.toThrow('503');
    genesis.failWith = new InvalidEventError('Genesis refused the certification request with 400.');
    await handler(submission());
    expect([...failures.letters.values()].map((l) => l.function)).toEqual(['agent-certification']);
  });
});
