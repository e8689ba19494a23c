import { serveHttp } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { SHIPPED_LIFECYCLES } from '@backbone/shared/agents';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { FirestoreRegistryStore } from '@backbone/shared/governance/gcp';
import { HttpMcpProbe } from './adapters/http-mcp-probe';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { AgentsConfigSchema } from './schema';

serveHttp(manifest, routes, AgentsConfigSchema, ({ config, logger, db, clock, source, publisher, security }) =>
  makeHandler(
    {
      store: new FirestoreAgentStore(db),
      registry: new FirestoreRegistryStore(db),
      probe: new HttpMcpProbe(),
      genesisSecrets: [config.GENESIS_SIGNING_SECRET],
      holder: watchedPolicyHolder(db, logger),
      audit: new FirestoreAuditLog(db),
      lifecycles: SHIPPED_LIFECYCLES,
      publisher,
      clock,
      source,
      logger,
    },
    security,
  ),
);
