import { z } from 'zod';
import { ConfigError } from '../errors/app-errors';

/** Settings every function reads. */
export const BaseConfigSchema = z.object({
  /** Google Cloud project; Cloud Functions sets GOOGLE_CLOUD_PROJECT, the emulators GCLOUD_PROJECT. */
  GOOGLE_CLOUD_PROJECT: z.string().min(1),
  /**
   * No default: a deployment that forgot it must not start as `local` (which would accept the local
   * OIDC key and the emulators). The local runner and the tests set it.
   */
  BACKBONE_ENV: z.enum(['local', 'test', 'dev', 'staging', 'prod']),
  /** Logging standards (000#45): prod ERROR... is too quiet for operations, so prod defaults to INFO. */
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']).default('INFO'),
  /** Where spans go: Cloud Trace when deployed; `none` locally (made and propagated, not exported). */
  TRACE_EXPORTER: z.enum(['cloud-trace', 'console', 'none']).default('cloud-trace'),
  /** Share of new traces sampled (a caller's sampled flag is followed whatever this says). */
  TRACE_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(0.1),
  /** Set by Cloud Run: the revision, Error Reporting's version of the service. */
  K_REVISION: z.string().max(100).optional(),
});
export type BaseConfig = z.infer<typeof BaseConfigSchema>;

/**
 * Parses the environment once, at cold start. A missing or bad value stops the start with
 * every problem listed, not only the first.
 *
 * @example
 * const config = loadConfig(BaseConfigSchema.extend({ HEALTH_POOL_SIZE: z.coerce.number().int().positive() }));
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const withProject = {
    ...env,
    GOOGLE_CLOUD_PROJECT: env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT ?? env.GCP_PROJECT,
  };
  const parsed = schema.safeParse(withProject);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  const deployed = typeof env.BACKBONE_ENV === 'string' && !LOCAL_ENVS.includes(env.BACKBONE_ENV);
  if (deployed) {
    for (const name of LOCAL_ONLY_VARIABLES)
      if (env[name]) problems.push(`${name}: local development only, refused in ${env.BACKBONE_ENV}`);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

const LOCAL_ENVS = ['local', 'test'];

/**
 * Variables that point Google clients at the emulators or trust a development key. The Auth
 * emulator variable, for one, makes firebase-admin accept unsigned ID tokens.
 */
export const LOCAL_ONLY_VARIABLES = [
  'FIRESTORE_EMULATOR_HOST',
  'PUBSUB_EMULATOR_HOST',
  'FIREBASE_AUTH_EMULATOR_HOST',
  'FIREBASE_STORAGE_EMULATOR_HOST',
  'STORAGE_EMULATOR_HOST',
  'AUTH_LOCAL_OIDC_PUBLIC_KEY',
  'LOCAL_URL_SIGNING_KEY',
  'LOCAL_ARCHIVE_KEY',
] as const;

/** An env var holding a comma-separated list (default empty): its items, trimmed, empty ones dropped. */
export const commaList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** An env var holding JSON (default `fallback`), parsed and then validated by `schema`. */
export function jsonEnv<S extends z.ZodType>(schema: S, fallback = '{}') {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
