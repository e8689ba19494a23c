import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'activity-feed',
  description: 'TODO: what activity-feed does and for whom.',
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  runtime: { memory: '256Mi', maxInstances: 10, concurrency: 80 },
});
