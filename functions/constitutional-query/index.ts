import { serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import { embedderFromConfig, FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ConstitutionalQueryConfigSchema } from './schema';
import { ConstitutionalQuery } from './service';

serveHttp(manifest, routes, ConstitutionalQueryConfigSchema, (context) => {
  const { config, logger, db, clock, publisher } = context;
  const store = new FirestoreCorpusStore(db);
  const embedder = embedderFromConfig(config);
  const query = new ConstitutionalQuery({
    store,
    embedder,
    clock,
    l1Entries: config.QUERY_L1_ENTRIES,
    l1TtlMs: config.QUERY_L1_TTL_SECONDS * 1000,
    l2TtlMs: config.QUERY_L2_TTL_HOURS * 3_600_000,
  });
  // Every instance follows the corpus version and drops its L1 when it moves (cache.invalidate, 000#59).
  store.watch(
    (state) => query.onCorpusVersion(state.version, logger),
    (error) => logger.error('corpus version listener failed', { error }),
  );
  return makeHandler(
    {
      query,
      store,
      embedder,
      publisher,
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
