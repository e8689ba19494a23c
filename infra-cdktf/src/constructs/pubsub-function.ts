import { Construct } from 'constructs';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import type { FunctionManifest } from '@backbone/shared/core';
import { labelsFor } from '../labels';
import { BackboneFunction, serviceAccountId, type SharedInfra } from './backbone-function';

export interface PubSubFunctionProps {
  manifest: FunctionManifest & { trigger: { kind: 'pubsub' } };
  shared: SharedInfra;
  /** `service-<number>@gcp-sa-pubsub.iam.gserviceaccount.com`. */
  pubsubServiceAgent: string;
}

/**
 * A Pub/Sub-triggered function: a push subscription with the manifest's ordering, backoff and
 * attempts, signed with an OIDC token of its own push identity (the only invoker), and a
 * dead-letter topic with a subscription operators read from. The Pub/Sub service agent gets what
 * dead-lettering needs: publish on the dead-letter topic, subscribe on the source subscription.
 */
export class PubSubFunction extends Construct {
  readonly function: BackboneFunction;
  readonly subscription: PubsubSubscription;

  constructor(scope: Construct, id: string, props: PubSubFunctionProps) {
    super(scope, id);
    const { manifest, shared } = props;
    const trigger = manifest.trigger;
    const env = shared.env;
    const topic = shared.topics.get(trigger.topic);
    const deadLetter = shared.topics.get(`${manifest.name}-dead-letter`);
    if (!topic || !deadLetter)
      throw new Error(`${manifest.name}: topic '${trigger.topic}' or its dead-letter topic is not declared`);

    this.function = new BackboneFunction(this, 'fn', { manifest, shared, ingress: 'ALLOW_INTERNAL_ONLY' });
    const pushIdentity = new ServiceAccount(this, 'push-sa', {
      accountId: serviceAccountId('push', manifest.name),
      displayName: `Pub/Sub push to ${manifest.name}`,
    });
    this.function.allowInvoker('invoker-push', pushIdentity.member);
    // Lets Pub/Sub mint the OIDC tokens of the push identity (needed in projects created before 2021-04).
    new ServiceAccountIamMember(this, 'push-token-creator', {
      serviceAccountId: pushIdentity.name,
      role: 'roles/iam.serviceAccountTokenCreator',
      member: `serviceAccount:${props.pubsubServiceAgent}`,
    });

    const url = this.function.fn.serviceConfig.uri;
    this.subscription = new PubsubSubscription(this, 'subscription', {
      name: `${manifest.name}-push`,
      topic: topic.id,
      labels: { ...labelsFor(env, manifest.name), function: manifest.name },
      ackDeadlineSeconds: trigger.ackDeadlineSeconds,
      enableMessageOrdering: trigger.ordering,
      retryPolicy: {
        minimumBackoff: `${trigger.minBackoffSeconds}s`,
        maximumBackoff: `${trigger.maxBackoffSeconds}s`,
      },
      deadLetterPolicy: { deadLetterTopic: deadLetter.id, maxDeliveryAttempts: trigger.maxDeliveryAttempts },
      expirationPolicy: { ttl: '' },
      // The Functions Framework reads the topic from this path into the CloudEvent's source.
      pushConfig: {
        pushEndpoint: `${url}/projects/${env.projectId}/topics/${trigger.topic}`,
        oidcToken: { serviceAccountEmail: pushIdentity.email, audience: url },
      },
    });
    new PubsubTopicIamMember(this, 'dead-letter-publisher', {
      topic: deadLetter.name,
      role: 'roles/pubsub.publisher',
      member: `serviceAccount:${props.pubsubServiceAgent}`,
    });
    new PubsubSubscriptionIamMember(this, 'dead-letter-subscriber', {
      subscription: this.subscription.name,
      role: 'roles/pubsub.subscriber',
      member: `serviceAccount:${props.pubsubServiceAgent}`,
    });
    // A topic without a subscription drops what it receives: this keeps dead letters for 7 days.
    new PubsubSubscription(this, 'dead-letter-inbox', {
      name: `${manifest.name}-dead-letter-inbox`,
      topic: deadLetter.id,
      labels: { ...labelsFor(env, manifest.name), function: manifest.name },
      messageRetentionDuration: '604800s',
      retainAckedMessages: false,
      expirationPolicy: { ttl: '' },
    });
  }
}
