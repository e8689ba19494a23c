import { defineFunction } from '@backbone/shared/core';
import { healthEvents } from '@backbone/shared/health';

export default defineFunction({
  name: 'health-aggregator',
  description:
    'Every minute: polls every registered platform service, stores samples, computes per-service and platform status, opens and resolves incidents, publishes health.* events (000#10, 000#16).',
  trigger: {
    kind: 'schedule',
    cron: '* * * * *',
    attemptDeadlineSeconds: 120,
    retryCount: 0,
  },
  // One round at a time (a scheduled function's default): a lease in Firestore also guards against an overlapping retry.
  // Heap sized for the instance: with Node 24's defaults (sized from the host's memory) the
  // deployed bundle's rounds peaked at 300-360 MB resident and grew each round; with these, 175-198 MB.
  runtime: {
    memory: '512Mi',
    timeoutSeconds: 120,
    nodeOptions: '--max-semi-space-size=8 --max-old-space-size=192',
  },
  env: {
    HEALTH_POOL_SIZE: { description: 'Checks in flight at once', default: '100' },
    HEALTH_DOWN_AFTER: { description: 'Consecutive failures before a service is down', default: '3' },
    HEALTH_DEGRADED_AFTER: {
      description: 'Consecutive failures or slow answers before degraded',
      default: '2',
    },
    HEALTH_RECOVER_AFTER: {
      description: 'Consecutive healthy checks before leaving down/degraded',
      default: '2',
    },
    HEALTH_SAMPLE_RETENTION_DAYS: {
      description: 'Samples expire (Firestore TTL on expireAt) after',
      default: '7',
    },
  },
  touches: {
    collections: {
      read: ['health_registry', 'health_services', 'health_rounds', 'health_outbox'],
      write: [
        'health_services',
        'health_samples',
        'health_history',
        'health_incidents',
        'health_status',
        'health_rounds',
        'health_outbox',
      ],
    },
    publishes: [healthEvents],
  },
});
