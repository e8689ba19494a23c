import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: 'agent-benchmarks',
  description: 'TODO: what agent-benchmarks does on each firing.',
  trigger: { kind: 'schedule', cron: '*/5 * * * *', timeZone: 'Etc/UTC' },
  runtime: { memory: '256Mi', maxInstances: 1, concurrency: 1 },
});
