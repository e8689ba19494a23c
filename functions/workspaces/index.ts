import { serveHttp } from '@backbone/shared/gcp';
import { gatekeeperDeps } from '@backbone/shared/policy/gcp';
import {
  archiveKeyKeeper,
  FirestoreArchiveStore,
  FirestoreTenantPlans,
  GcsObjectStore,
} from '@backbone/shared/workspaces/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { WorkspacesConfigSchema } from './schema';

serveHttp(manifest, routes, WorkspacesConfigSchema, (context) => {
  const { config, db } = context;
  const project = config.GOOGLE_CLOUD_PROJECT;
  const signer = config.LOCAL_URL_SIGNING_KEY ?? undefined;
  return makeHandler(
    {
      workspaces: GcsObjectStore.forBucket(project, config.BUCKET_AGENT_WORKSPACES, signer),
      archives: GcsObjectStore.forBucket(project, config.BUCKET_SUBSCRIPTION_ARCHIVES),
      keys: archiveKeyKeeper(config),
      archiveRecords: new FirestoreArchiveStore(db),
      plans: new FirestoreTenantPlans(db),
      quotas: config.WORKSPACE_QUOTAS,
      linkSecret: config.ARCHIVE_LINK_SECRET,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      ...gatekeeperDeps(context),
    },
    context.security,
  );
});
