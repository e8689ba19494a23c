import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'activity-feed',
  description:
    "A tenant's activity feed (000#25, 000#22): runs started and ended and budget alerts, newest first in stable 50-item pages, and live as Server-Sent Events resumable with Last-Event-ID; each stream is one Firestore listener, ended before the request timeout.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  // Streams are long and mostly idle: many per instance, each under the 3,600 s request timeout.
  runtime: { memory: '512Mi', timeoutSeconds: 3600, maxInstances: 20, concurrency: 500 },
  env: {
    STREAM_LIFETIME_SECONDS: {
      description: 'How long a stream lasts before the client is asked to resume (under the 3,600 s request timeout).',
      default: '3300',
    },
    STREAM_HEARTBEAT_SECONDS: { description: 'Seconds between heartbeat comments on an idle stream.', default: '15' },
  },
  touches: { collections: { read: ['activity', 'policy_sets'], write: ['audit_intake'] } },
});
