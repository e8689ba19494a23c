import { serveSchedule } from '@backbone/shared/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentBenchmarksConfigSchema } from './schema';

serveSchedule(manifest, AgentBenchmarksConfigSchema, ({ logger, clock, security }) =>
  makeHandler({ clock, logger }, security),
);
