// The examples `npm start` prints, each one call through the typed client generated from the
// function's OpenAPI document (contractClient: every answer is also checked against its route's
// contract), run by `npm run try -- <name>` against the running suite.
import { contractClient } from '@backbone/shared/testing';
import type { paths as ConstitutionPaths } from '../../openapi/constitutional-query';
import type { paths as GovernancePaths } from '../../openapi/governance-api';
import type { paths as HealthPaths } from '../../openapi/health-api';
import type { paths as PepPaths } from '../../openapi/pep-check';
import type { paths as ScrapingPaths } from '../../openapi/scraping-api';
import { routes as constitutionRoutes } from '../../functions/constitutional-query/routes';
import { routes as governanceRoutes } from '../../functions/governance-api/routes';
import { routes as healthRoutes } from '../../functions/health-api/routes';
import { routes as pepRoutes } from '../../functions/pep-check/routes';
import { routes as scrapingRoutes } from '../../functions/scraping-api/routes';

/** How an example reaches the suite: a function's base URL, and tokens of demo users and services. */
export interface SuiteAccess {
  url(fn: string): string;
  user(email: string): Promise<string>;
  service(fn: string): string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const EXAMPLES: Record<string, { what: string; run(suite: SuiteAccess): Promise<unknown> }> = {
  health: {
    what: "the platform's status (public)",
    run: async (suite) =>
      (await contractClient<HealthPaths>(healthRoutes, { base: suite.url('health-api') }).GET('/v1/health/summary'))
        .data,
  },
  pep: {
    what: 'a PEP decision: may an auditor view the agents component?',
    run: async (suite) => {
      const pep = contractClient<PepPaths>(
        pepRoutes,
        { base: suite.url('pep-check') },
        bearer(suite.service('pep-check')),
      );
      const { data, error } = await pep.POST('/v1/pep/decide', {
        body: {
          principal: { type: 'User', id: 'u1', portal: 'PP', tenant: 'platform', roles: ['auditor'] },
          action: 'view',
          resource: { type: 'Component', id: 'agents' },
        },
      });
      return data ?? error;
    },
  },
  ask: {
    what: 'a constitutional query, as the acme owner',
    run: async (suite) => {
      const query = contractClient<ConstitutionPaths>(
        constitutionRoutes,
        { base: suite.url('constitutional-query') },
        bearer(await suite.user('owner@acme.demo')),
      );
      const { data, error } = await query.POST('/v1/constitutional/query', {
        body: { question: 'Can a trial be extended?', topK: 3 },
      });
      return data ?? error;
    },
  },
  'failing-sources': {
    what: 'the knowledge sources whose last scrape failed, as a platform admin',
    run: async (suite) => {
      const scraping = contractClient<ScrapingPaths>(
        scrapingRoutes,
        { base: suite.url('scraping-api') },
        bearer(await suite.user('admin@platform.demo')),
      );
      const { data, error } = await scraping.GET('/v1/scraping/sources', {
        params: { query: { status: 'failing' } },
      });
      return data ?? error;
    },
  },
  members: {
    what: "acme's members and their roles, as the acme owner",
    run: async (suite) => {
      const governance = contractClient<GovernancePaths>(
        governanceRoutes,
        { base: suite.url('governance-api') },
        bearer(await suite.user('owner@acme.demo')),
      );
      const { data, error } = await governance.GET('/v1/tenants/{tenant}/members', {
        params: { path: { tenant: 'acme' } },
      });
      return data ?? error;
    },
  },
};
