import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: 'audit-sequencer',
  description:
    "The audit chain's single writer (000#14, 000#21): fired every minute, it holds a fenced lease and, about once a second, integrates what every function appended to the audit intake into the hash chain (tiles of consecutive entries and the head, one transaction a round), so no append waits on a shared document; the same transaction counts the PEP's decisions about agents into their run rollups.",
  trigger: {
    kind: 'schedule',
    cron: '* * * * *',
    attemptDeadlineSeconds: 90,
    retryCount: 0,
  },
  // One instance, one request: two sequencers would only wait on each other's lease.
  runtime: { memory: '512Mi', timeoutSeconds: 90 },
  env: {
    AUDIT_RUN_SECONDS: {
      description: 'How long one invocation integrates rounds before it returns (under the minute between firings).',
      default: '55',
    },
    AUDIT_ROUND_INTERVAL_MS: {
      description: 'Time between rounds: the head is written at most this often (Firestore: about once a second).',
      default: '1000',
    },
    AUDIT_INTENT_TIMEOUT_SECONDS: {
      description:
        'An intent its caller never settled (a crash mid-change) is integrated as outcome unknown after this.',
      default: '120',
    },
  },
  touches: {
    collections: {
      read: ['audit_intake', 'audit_log', 'audit_chain'],
      write: ['audit_intake', 'audit_log', 'audit_chain', 'run_rollups'],
    },
  },
});
