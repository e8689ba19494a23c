import { declaredRoutes } from '@backbone/shared/gcp';
import type { Logger } from '@backbone/shared/core';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { ManualClock, StaticAuthenticator } from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

/**
 * The run-logs handler on the shipped policies, at 11:00 on 2026-12-07, for these bearer tokens:
 * `runtime` (the agent runtime), `user` (acme), `globex`, `auditor` and `governor` (platform staff).
 */
export function runLogsHandler(deps: Pick<Parameters<typeof makeHandler>[0], 'store' | 'audit'> & { logger: Logger }) {
  return makeHandler(
    {
      ...deps,
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      clock: new ManualClock(new Date('2026-12-07T11:00:00Z')),
      source: 'backbone/run-logs',
    },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator({
        runtime: { kind: 'service', email: 'agent-runtime@platform.iam.gserviceaccount.com', subject: 'rt' },
        user: { kind: 'user', uid: 'u', portal: 'CP', tenant: 'acme', roles: [] },
        globex: { kind: 'user', uid: 'g', portal: 'CP', tenant: 'globex', roles: [] },
        auditor: { kind: 'user', uid: 'aud', portal: 'PP', tenant: 'platform', roles: ['auditor'] },
        governor: { kind: 'user', uid: 'gov', portal: 'PP', tenant: 'platform', roles: ['platform_governor'] },
      }),
    },
  );
}
