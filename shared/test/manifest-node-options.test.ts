import { defineFunction } from '../src/core/manifest/function-manifest';

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
