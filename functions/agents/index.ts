import { serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { SHIPPED_LIFECYCLES } from '@backbone/shared/agents';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { FirestoreRegistryStore } from '@backbone/shared/governance/gcp';
import { HttpMcpProbe } from './adapters/http-mcp-probe';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { AgentsConfigSchema } from './schema';

serveHttp(manifest, routes, AgentsConfigSchema, (context) => {
  const { config, db, publisher } = context;
  return makeHandler(
    {
      store: new FirestoreAgentStore(db),
      registry: new FirestoreRegistryStore(db),
      probe: new HttpMcpProbe(),
      genesisSecrets: [config.GENESIS_SIGNING_SECRET],
      lifecycles: SHIPPED_LIFECYCLES,
      publisher,
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
