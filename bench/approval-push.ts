import { PubSub, type Message } from '@google-cloud/pubsub';
import { mapWithConcurrency, systemClock } from '@backbone/shared/core';
import { createFirestore, declaredRoutes, PubSubEventPublisher } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FirestoreDeviceStore, FirestorePreferencesStore } from '@backbone/shared/approvals/gcp';
import {
  captureLogs,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  serveHttp,
  StaticAuthenticator,
  RecordingEmailSender,
  RecordingPushSender,
} from '@backbone/shared/testing';
import { firestorePepDeps } from '../functions/pep-check/adapters/firestore-pep-deps';
import pepManifest from '../functions/pep-check/function';
import { makeHandler as makePep } from '../functions/pep-check/handler';
import { makeHandler as makeNotifications } from '../functions/notifications/handler';
import { pct } from './percentile-of';

export interface ApprovalPushResult {
  requests: number;
  concurrency: number;
  /** From sending the PEP request to the FCM double recording the push to the Governor's phone. */
  pushP50Ms: number;
  pushP99Ms: number;
  /** The PEP's answer time for those requests (approval_required: request opened and announced)... */
  approvalAnswerP50Ms: number;
  /** ...and, baseline in the same run, for the same principal's allowed requests (no approval). */
  allowAnswerP50Ms: number;
}

/**
 * The approval path on the emulators: the PEP under the Functions Framework (Firestore approval
 * store, the Pub/Sub emulator publisher), a streaming pull on `approval-events` handing each
 * message to the notifications handler as Pub/Sub push would, and the FCM double recording the
 * push to the Governor's registered phone.
 */
export async function benchApprovalPush(requests = 60, concurrency = 6): Promise<ApprovalPushResult> {
  const project = `demo-bench-approvals-${Date.now()}`;
  const db = createFirestore(project);
  const pubsub = new PubSub({ projectId: project });
  const [topic] = await pubsub.createTopic('approval-events');
  const [subscription] = await topic.createSubscription('notifications', { enableMessageOrdering: true });
  const devices = new FirestoreDeviceStore(db);
  await devices.put({
    uid: 'gov',
    tenant: 'platform',
    id: 'install-gov',
    token: `fcm-token-${'x'.repeat(40)}`,
    platform: 'ios',
    roles: ['auditor', 'deputy_governor', 'platform_governor'],
    registeredAt: new Date(),
    lastSeenAt: new Date(),
  });
  const push = new RecordingPushSender();
  const notifications = makeNotifications({
    devices,
    preferences: new FirestorePreferencesStore(db),
    email: new RecordingEmailSender(),
    push,
    failures: new MemoryFailureRecorder(),
    audit: new FirestoreAuditLog(db),
    source: 'bench',
    logger: captureLogs('notifications').logger,
  });
  subscription.on('message', (message: Message) => {
    void notifications(pubsubCloudEvent(message.data.toString('utf8'), message.id)).then(
      () => message.ack(),
      () => message.nack(),
    );
  });
  const pep = await serveHttp(
    'pepApprovals',
    makePep(
      firestorePepDeps(db, {
        holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
        publisher: new PubSubEventPublisher(pubsub),
        clock: systemClock,
        source: 'bench',
        logger: captureLogs('pep-check').logger,
      }),
      {
        declared: declaredRoutes(pepManifest),
        authenticator: new StaticAuthenticator({
          runtime: { kind: 'service', email: 'agent-runtime@bench.iam.gserviceaccount.com', subject: 'rt' },
        }),
      },
    ) as never,
  );
  const principal = { type: 'User', id: 'owner-acme', portal: 'CP', tenant: 'acme', roles: ['tenant_admin'] };
  const ask = async (action: string, id: string) => {
    const started = performance.now();
    const res = await fetch(`${pep.base}/v1/pep/decide`, {
      method: 'POST',
      headers: { authorization: 'Bearer runtime', 'content-type': 'application/json' },
      body: JSON.stringify({ principal, action, resource: { type: 'CustomerData', id, tenant: 'acme' } }),
    });
    const body = (await res.json()) as { decision: string; approvalId?: string };
    return { started, answeredMs: performance.now() - started, ...body };
  };
  await ask('view', 'warm-up');
  const allowed = await mapWithConcurrency(
    Array.from({ length: requests }, (_, i) => i),
    concurrency,
    (i) => ask('view', `record-${i}`),
  );
  const asked = await mapWithConcurrency(
    Array.from({ length: requests }, (_, i) => i),
    concurrency,
    (i) => ask('delete', `record-${i}`),
  );
  if (asked.some((a) => a.decision !== 'approval_required')) throw new Error('an ask was not approval_required');
  const deadline = Date.now() + 30_000;
  while (push.sent.length < requests && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await subscription.close();
  await pep.close();
  const startedById = new Map(asked.map((a) => [a.approvalId!, a.started]));
  const latencies = push.sent.map((m) => m.at - startedById.get(m.data.approvalId!)!);
  if (latencies.length < requests) throw new Error(`only ${latencies.length} of ${requests} pushes were recorded`);
  return {
    requests,
    concurrency,
    pushP50Ms: pct(latencies, 50),
    pushP99Ms: pct(latencies, 99),
    approvalAnswerP50Ms: pct(
      asked.map((a) => a.answeredMs),
      50,
    ),
    allowAnswerP50Ms: pct(
      allowed.map((a) => a.answeredMs),
      50,
    ),
  };
}
