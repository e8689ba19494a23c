import type { z } from 'zod';
import { guardFrameworkServer } from '../http/framework-server-guard';
import { createLogger, type Logger } from '../logging/logger';
import { signatureTypeOf, type FunctionManifest } from '../manifest/function-manifest';
import { loadConfig } from './load-config';
import type { BaseConfigSchema } from './load-config';

/**
 * A function's cold start: its config parsed (stopping the start on any problem) and its logger.
 *
 * @example
 * const { config, logger } = functionContext(manifest, HealthApiConfigSchema);
 */
export function functionContext<S extends typeof BaseConfigSchema>(
  manifest: FunctionManifest,
  schema: S,
): { config: z.infer<S>; logger: Logger } {
  const config = loadConfig(schema);
  const logger = createLogger({
    service: manifest.name,
    projectId: config.GOOGLE_CLOUD_PROJECT,
    level: config.LOG_LEVEL,
    ...(config.K_REVISION ? { version: config.K_REVISION } : {}),
  });
  guardFrameworkServer({ logger, answersHealth: signatureTypeOf(manifest) === 'cloudevent' });
  return { config, logger };
}
