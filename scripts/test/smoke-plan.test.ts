import { declaredRoutes } from '@backbone/shared/gcp';
import { environments } from '../../infra-cdktf/environments';
import { loadManifests } from '../local/manifests';
import { smokePlan } from '../smoke/plan';

const manifests = loadManifests();

describe.each(environments.map((e) => [e.name, e] as const))('the smoke test of %s', (_, env) => {
  const plan = smokePlan(manifests, env);

  it('checks every function once', () => {
    expect(plan.map((c) => c.fn).sort()).toEqual(manifests.map((m) => m.name).sort());
  });

  it('calls a declared route of each HTTP function, as a caller that route accepts', () => {
    for (const check of plan) {
      if (check.kind !== 'http') continue;
      const manifest = manifests.find((m) => m.name === check.fn)!;
      const path = check.path.split('?')[0];
      // A declared path's `:param` segments match any one segment of the smoke call's path.
      const matches = (declared: string) => new RegExp(`^${declared.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path!);
      const route = declaredRoutes(manifest).find((r) => r.method === check.method && matches(r.path));
      expect({ fn: check.fn, declared: route !== undefined }).toEqual({ fn: check.fn, declared: true });
      const access = typeof route!.access === 'string' ? [route!.access] : route!.access;
      if (check.as) {
        expect(access).toContain('service');
        // The signing identity is one this environment configures for the function.
        const service = env.platformServices.find((s) => s.name === check.as);
        expect({ fn: check.fn, calls: service?.calls.includes(check.fn) }).toEqual({
          fn: check.fn,
          calls: true,
        });
      } else if (!access.includes('public')) {
        // A portal-only route is smoke-checked by its refusal of an unauthenticated call.
        expect({ fn: check.fn, status: check.expectStatus }).toEqual({ fn: check.fn, status: 401 });
      }
    }
  });
});
