import { randomUUID } from 'node:crypto';
import { AppError, inSpan, type Clock, type EventPublisher, type Logger } from '@backbone/shared/core';
import { TRIAL_LIMITS } from '@backbone/shared/governance';
import { type StripeGateway } from '@backbone/shared/billing';
import { SagaBusyError } from './adapters/firestore-saga-store';
import { type SagaRecord, type SagaStore } from './saga-store';
import { type TenantProvisioning } from './tenant-provisioning';
import { provisioningEvents } from '@backbone/shared/billing';

export interface SagaDeps {
  sagas: SagaStore;
  tenants: TenantProvisioning;
  publisher: EventPublisher;
  gateway: StripeGateway;
  clock: Clock;
  source: string;
  /** How long one delivery holds the saga between writes (above the slowest step; below the ack deadline's redelivery). */
  leaseMs?: number;
  /** This delivery's lease token (a fresh random one by default). */
  token?: () => string;
}

type Input = { sagaId: string; tenantId: string; subscriptionId: string };
interface Step {
  name: string;
  run(deps: SagaDeps, input: Input): Promise<void>;
  compensate(deps: SagaDeps, input: Input): Promise<void>;
}

const event = (deps: SagaDeps, type: keyof typeof provisioningEvents.events, input: Input) =>
  provisioningEvents.event(type, {
    id: `${type}:${input.sagaId}`,
    source: deps.source,
    time: deps.clock.now(),
    subject: input.subscriptionId,
    tenant: input.tenantId,
    data: { tenantId: input.tenantId, subscriptionId: input.subscriptionId, sagaId: input.sagaId },
  });

/** The steps, in order; every run and compensation is idempotent (a resumed saga may repeat the one it crashed in). */
export const STEPS: Step[] = [
  {
    name: 'record_subscription',
    run: (d, i) => d.tenants.recordSubscription(i.tenantId, i.subscriptionId, 'provisioning'),
    compensate: (d, i) => d.tenants.recordSubscription(i.tenantId, i.subscriptionId, 'cancelled'),
  },
  {
    name: 'request_provisioning',
    // A stable event id: a repeat after a crash is the same request to the agent platform.
    run: async (d, i) =>
      void (await d.publisher.publish(provisioningEvents.name, event(d, 'provisioning.requested', i), {
        orderingKey: i.tenantId,
      })),
    compensate: async (d, i) =>
      void (await d.publisher.publish(provisioningEvents.name, event(d, 'provisioning.cancelled', i), {
        orderingKey: i.tenantId,
      })),
  },
  {
    name: 'start_trial',
    run: (d, i) => {
      const now = d.clock.now();
      return d.tenants.startTrial(i.tenantId, i.sagaId, now, new Date(now.getTime() + TRIAL_LIMITS.days * 86_400_000));
    },
    compensate: (d, i) => d.tenants.endTrial(i.tenantId, i.sagaId),
  },
];

/** A step failure no retry can fix (a 4xx-class AppError): the saga compensates. */
const isPermanent = (error: unknown) => error instanceof AppError && error.status < 500;

/**
 * Runs (or resumes) the saga of one checkout. A transient failure is thrown, so Pub/Sub redelivers
 * and the saga resumes at the failed step; a permanent one compensates the completed steps in
 * reverse and cancels the Stripe subscription (idempotency key per saga). The saga document keeps
 * every transition with its time.
 */
export async function runSaga(deps: SagaDeps, input: Input, log: Logger): Promise<SagaRecord['status']> {
  const lease = { token: deps.token?.() ?? randomUUID(), leaseMs: deps.leaseMs ?? 120_000 };
  try {
    return await leasedRun(deps, input, log, lease);
  } catch (error) {
    // Not a takeover: give the lease back so the redelivery can resume at once.
    if (!(error instanceof SagaBusyError)) await deps.sagas.release(input.sagaId, lease).catch(() => undefined);
    throw error;
  }
}

async function leasedRun(
  deps: SagaDeps,
  input: Input,
  log: Logger,
  lease: { token: string; leaseMs: number },
): Promise<SagaRecord['status']> {
  const now = () => deps.clock.now();
  const saga = await deps.sagas.begin(
    input.sagaId,
    input,
    STEPS.map((s) => s.name),
    now(),
    lease,
  );
  if (saga.status === 'completed' || saga.status === 'compensated') return saga.status;
  if (saga.status === 'running') {
    for (const step of STEPS) {
      if (saga.steps[step.name] === 'done') continue;
      try {
        // Each step a span of the delivery's trace (and through it, of the Stripe event's).
        await inSpan(`saga ${step.name}`, { attributes: { 'saga.id': input.sagaId } }, () => step.run(deps, input));
      } catch (error) {
        if (!isPermanent(error)) throw error;
        log.error('provisioning step failed; compensating', { sagaId: input.sagaId, step: step.name, error });
        await deps.sagas.setStatus(
          input.sagaId,
          'compensating',
          now(),
          lease,
          `${step.name}: ${(error as AppError).detail}`,
        );
        saga.status = 'compensating';
        break;
      }
      await deps.sagas.markStep(input.sagaId, step.name, 'done', now(), lease);
      saga.steps[step.name] = 'done';
    }
    if (saga.status === 'running') {
      await deps.tenants.recordSubscription(input.tenantId, input.subscriptionId, 'active');
      await deps.sagas.setStatus(input.sagaId, 'completed', now(), lease);
      return 'completed';
    }
  }
  for (const step of [...STEPS].reverse()) {
    if (saga.steps[step.name] !== 'done') continue;
    await inSpan(`saga compensate ${step.name}`, { attributes: { 'saga.id': input.sagaId } }, () =>
      step.compensate(deps, input),
    );
    await deps.sagas.markStep(input.sagaId, step.name, 'compensated', now(), lease);
  }
  await deps.gateway.cancelSubscription(input.subscriptionId, `saga-cancel:${input.sagaId}`);
  await deps.sagas.setStatus(input.sagaId, 'compensated', now(), lease, 'Stripe subscription cancelled');
  return 'compensated';
}
