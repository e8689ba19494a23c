import { assertDeployable, pinnedNodeRuntime } from '../src/node-runtime';

describe('the Node runtime functions deploy on', () => {
  it('is the major pinned in package.json, and the one these tests run on', () => {
    const runtime = pinnedNodeRuntime();
    expect(runtime).toBe(`nodejs${process.versions.node.split('.')[0]}`);
    expect(runtime).not.toBe('nodejs20');
  });

  it('is refused once Google has decommissioned it', () => {
    expect(() => assertDeployable('nodejs20', new Date('2026-12-02T00:00:00Z'))).toThrow(
      /decommissioned on 2026-10-30/,
    );
    expect(() => assertDeployable('nodejs20', new Date('2026-10-29T00:00:00Z'))).not.toThrow();
    expect(() => assertDeployable('nodejs24', new Date('2026-12-02T00:00:00Z'))).not.toThrow();
    expect(() => assertDeployable('nodejs24', new Date('2028-10-31T00:00:00Z'))).toThrow(/decommissioned/);
    expect(() => assertDeployable('nodejs18x', new Date())).toThrow(/not a Cloud Run functions/);
  });
});
