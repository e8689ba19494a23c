import { defineFunction } from '../src/core/manifest/function-manifest';
import { z } from 'zod';
import { defineTopic } from '../src/core/events/topic';

const base = {
  name: 'sample-fn',
  description: 'A sample function for the manifest schema.',
  trigger: {
    kind: 'http' as const,
    routes: [{ method: 'GET' as const, path: '/v1/sample', access: 'public' as const }],
  },
};

describe('runtime.nodeOptions in a manifest', () => {
  it('takes heap-size flags', () => {
    const m = defineFunction({
      ...base,
      runtime: { nodeOptions: '--max-semi-space-size=8 --max-old-space-size=192' },
    });
    expect(m.runtime.nodeOptions).toBe('--max-semi-space-size=8 --max-old-space-size=192');
  });

  it.each([
    ['another flag', '--require=/tmp/evil.js'],
    ['a flag after a heap flag', '--max-old-space-size=192 --inspect=0.0.0.0'],
    ['a shell metacharacter', '--max-old-space-size=192;rm -rf /'],
    ['a newline', '--max-old-space-size=192\n--inspect'],
    ['an empty string', ''],
  ])('refuses %s', (_what, nodeOptions) => {
    expect(() => defineFunction({ ...base, runtime: { nodeOptions } })).toThrow(/nodeOptions/);
  });
});

describe('runtime defaults by trigger kind', () => {
  const topic = defineTopic('sample-events', { ordered: false, events: { 'sample.v1': z.object({}) } });
  const triggers = {
    http: base.trigger,
    pubsub: { kind: 'pubsub' as const, topic },
    schedule: { kind: 'schedule' as const, cron: '*/5 * * * *' },
  };

  it.each([
    ['http', 10, 80],
    ['pubsub', 10, 10],
    ['schedule', 1, 1],
  ] as const)('a %s function gets %i instances at most, %i requests each', (kind, maxInstances, concurrency) => {
    const m = defineFunction({ ...base, trigger: triggers[kind] });
    expect(m.runtime).toMatchObject({ memory: '256Mi', timeoutSeconds: 60, maxInstances, concurrency });
  });

  it('keeps what the manifest says over the default', () => {
    const m = defineFunction({ ...base, trigger: triggers.schedule, runtime: { maxInstances: 3, concurrency: 2 } });
    expect(m.runtime).toMatchObject({ maxInstances: 3, concurrency: 2 });
  });
});
