import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';
import { cacheInvalidations } from '@backbone/shared/constitution';
import { EMBEDDER_MANIFEST_ENV } from '@backbone/shared/constitution/gcp';

export default defineFunction({
  name: 'constitutional-query',
  description:
    "Answers agents' constitutional queries (000#9): vector search over the constitution and precedents with a three-level cache (per-instance LRU, Firestore, search), invalidated by corpus version (000#40, 000#59); operators upload documents.",
  trigger: {
    kind: 'http',
    routes: manifestRoutes(routes),
  },
  runtime: { memory: '512Mi', timeoutSeconds: 30, minInstances: 1, maxInstances: 20 },
  env: {
    ...EMBEDDER_MANIFEST_ENV,
    QUERY_L1_ENTRIES: { description: 'Answers kept in each instance (LRU).', default: '5000' },
    QUERY_L1_TTL_SECONDS: { description: 'How long an instance keeps an answer.', default: '300' },
    QUERY_L2_TTL_HOURS: { description: 'How long Firestore keeps a shared answer (TTL).', default: '24' },
  },
  touches: {
    collections: {
      read: ['constitution_chunks', 'constitution_state', 'constitution_cache', 'policy_sets'],
      write: [
        'constitution_cache',
        'constitution_chunks',
        'constitution_documents',
        'constitution_state',
        'audit_intake',
      ],
    },
    publishes: [cacheInvalidations],
  },
});
