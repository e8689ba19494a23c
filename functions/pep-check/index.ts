import { serveHttp } from '@backbone/shared/gcp';
import { watchedPolicyHolder } from '@backbone/shared/policy/gcp';
import { firestorePepDeps } from './adapters/firestore-pep-deps';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { PepConfigSchema } from './schema';

serveHttp(manifest, routes, PepConfigSchema, ({ logger, db, clock, source, publisher, security }) =>
  makeHandler(
    firestorePepDeps(db, { holder: watchedPolicyHolder(db, logger), publisher, clock, source, logger }),
    security,
  ),
);
