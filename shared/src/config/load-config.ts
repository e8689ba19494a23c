import { z } from 'zod';
import { ConfigError } from '../errors/app-errors';

/** Settings every function reads. */
export const BaseConfigSchema = z.object({
  /** Google Cloud project; Cloud Functions sets GOOGLE_CLOUD_PROJECT, the emulators GCLOUD_PROJECT. */
  GOOGLE_CLOUD_PROJECT: z.string().min(1),
  BACKBONE_ENV: z.enum(['local', 'test', 'dev', 'staging', 'prod']).default('local'),
  /** Logging standards (000#45): prod ERROR... is too quiet for operations, so prod defaults to INFO. */
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']).default('INFO'),
});
export type BaseConfig = z.infer<typeof BaseConfigSchema>;

/**
 * Parses the environment once, at cold start. A missing or bad value stops the start with
 * every problem listed, not only the first.
 *
 * @example
 * const config = loadConfig(BaseConfigSchema.extend({ HEALTH_POOL_SIZE: z.coerce.number().int().positive() }));
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const withProject = {
    ...env,
    GOOGLE_CLOUD_PROJECT: env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT ?? env.GCP_PROJECT,
  };
  const parsed = schema.safeParse(withProject);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}
