import { Construct } from 'constructs';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { FunctionManifest } from '@backbone/shared/core';
import { BackboneFunction, functionUrl, serviceAccountId, type SharedInfra } from './backbone-function';

export interface ScheduledFunctionProps {
  manifest: FunctionManifest & { trigger: { kind: 'schedule' } };
  shared: SharedInfra;
}

/**
 * A scheduled function: internal ingress only, and a Cloud Scheduler job that POSTs to it with
 * an OIDC token of its own identity, the function's only invoker. Cloud Scheduler sends
 * `X-CloudScheduler-ScheduleTime`, which the function uses to make retries of one firing idempotent.
 */
export class ScheduledFunction extends Construct {
  readonly function: BackboneFunction;
  readonly job: CloudSchedulerJob;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    const { manifest, shared } = props;
    const trigger = manifest.trigger;
    const schedulerId = serviceAccountId('sched', manifest.name);
    this.function = new BackboneFunction(this, 'fn', {
      manifest,
      shared,
      ingress: 'ALLOW_INTERNAL_ONLY',
      serviceCallers: [`${schedulerId}@${shared.env.projectId}.iam.gserviceaccount.com`],
    });
    const identity = new ServiceAccount(this, 'scheduler-sa', {
      accountId: schedulerId,
      displayName: `Cloud Scheduler for ${manifest.name}`,
    });
    this.function.allowInvoker('invoker-scheduler', identity.member);
    const url = functionUrl(shared, manifest.name);
    this.job = new CloudSchedulerJob(this, 'job', {
      name: manifest.name,
      region: shared.env.region,
      description: manifest.description.slice(0, 500),
      schedule: trigger.cron,
      timeZone: trigger.timeZone,
      attemptDeadline: `${trigger.attemptDeadlineSeconds}s`,
      retryConfig: { retryCount: trigger.retryCount },
      httpTarget: {
        uri: `${url}/`,
        httpMethod: 'POST',
        oidcToken: { serviceAccountEmail: identity.email, audience: url },
      },
    });
  }
}
