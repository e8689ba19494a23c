import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'run-logs',
  description:
    "Agent runs' step logs (004§1.1, 004§1.2): the runtime's step records, every text and payload masked before it is stored, each model call with its required metadata and cost; once per (run, step), in any order; runs read under audit (000#21).",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  runtime: { memory: '512Mi', timeoutSeconds: 30 },
  touches: { collections: { read: ['steps', 'policy_sets'], write: ['steps', 'audit_intake'] } },
});
