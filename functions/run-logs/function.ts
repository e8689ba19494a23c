import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'run-logs',
  description:
    "Agent runs' step logs (004§1.1, 004§1.2): the runtime's step records, every text and payload masked before it is stored, each model call with its required metadata and cost; once per (run, step), in any order.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  runtime: { memory: '512Mi', timeoutSeconds: 30 },
  touches: { collections: { read: ['steps'], write: ['steps'] } },
});
