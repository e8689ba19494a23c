import { z } from 'zod';
import { accessList, ROUTE_ACCESS } from '../auth/caller';
import { API_KEY_SCOPE_NAMES, type ApiKeyScope } from '../auth/scopes';
import { isTopic, type Topic } from '../events/topic';

const kebab = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'kebab-case');
const topicName = z.string().regex(/^[a-z][a-z0-9-]{2,254}$/, 'a topic name: lower-case, digits and dashes');
/** A topic of the event catalog (`defineTopic`), never a bare name: the manifest keeps its name. */
const topicRef = z
  .custom<Topic>(isTopic, 'a topic from the event catalog (defineTopic), not a string')
  .transform((topic) => topic.name)
  .pipe(topicName);
const collectionName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a collection name: snake_case');

const HttpRouteSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().startsWith('/'),
    /**
     * Who may call: anyone through the load balancer, a signed-in user, a Google service identity,
     * a tenant's API-key client, or a list of those kinds.
     */
    access: z.union([z.enum(ROUTE_ACCESS), z.array(z.enum(ROUTE_ACCESS)).min(1)]),
    /** The API-key scope a `client` caller needs here; required on every route that accepts keys. */
    scope: z.enum(API_KEY_SCOPE_NAMES as [ApiKeyScope, ...ApiKeyScope[]]).optional(),
  })
  .refine((route) => !accessList(route.access).includes('client') || route.scope !== undefined, {
    message: "a route open to API keys ('client') must declare the scope a key needs",
    path: ['scope'],
  });

const TriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('http'), routes: z.array(HttpRouteSchema).min(1) }),
  z.object({
    kind: z.literal('pubsub'),
    topic: topicRef,
    /** Deliver messages with one ordering key in order (000#57); defaults to whether the topic is ordered. */
    ordering: z.boolean().default(false),
    ackDeadlineSeconds: z.number().int().min(10).max(600).default(60),
    minBackoffSeconds: z.number().int().min(0).max(600).default(10),
    maxBackoffSeconds: z.number().int().min(0).max(600).default(600),
    /** After this many failed deliveries the message goes to the dead-letter topic. */
    maxDeliveryAttempts: z.number().int().min(5).max(100).default(10),
  }),
  z.object({
    kind: z.literal('schedule'),
    /** Unix cron, as Cloud Scheduler reads it. */
    cron: z.string().regex(/^(\S+\s+){4}\S+$/, 'five cron fields'),
    timeZone: z.string().default('Etc/UTC'),
    attemptDeadlineSeconds: z.number().int().min(15).max(1800).default(180),
    retryCount: z.number().int().min(0).max(5).default(1),
  }),
]);

const RuntimeSchema = z.object({
  memory: z.enum(['128Mi', '256Mi', '512Mi', '1Gi', '2Gi', '4Gi']).default('256Mi'),
  cpu: z.number().positive().default(1),
  timeoutSeconds: z.number().int().min(1).max(3600).default(60),
  minInstances: z.number().int().min(0).default(0),
  /** Defaults by trigger kind (RUNTIME_DEFAULTS). */
  maxInstances: z.number().int().min(1).optional(),
  /** Requests one instance serves at once (2nd gen allows > 1 with cpu >= 1); defaults by trigger kind. */
  concurrency: z.number().int().min(1).max(1000).optional(),
  /**
   * V8 heap sizing for this function, deployed as NODE_OPTIONS (and applied by `npm start`):
   * Node 24 sizes the young generation from the host's memory, which a small instance does not have.
   * Only heap-size flags, so a manifest cannot smuggle other options in.
   */
  nodeOptions: z
    .string()
    .regex(/^--max-(semi|old)-space-size=\d{1,5}( --max-(semi|old)-space-size=\d{1,5})?$/)
    .optional(),
});

/**
 * What a function gets unless it says otherwise, by trigger kind: an API serves many requests per
 * instance; an event consumer takes a few messages at once, so a slow dependency holds few leases;
 * a scheduled job runs alone, so two rounds never overlap.
 */
const RUNTIME_DEFAULTS = {
  http: { maxInstances: 10, concurrency: 80 },
  pubsub: { maxInstances: 10, concurrency: 10 },
  schedule: { maxInstances: 1, concurrency: 1 },
} as const;

const EnvVarSchema = z.object({ description: z.string(), default: z.string().optional() });

const ManifestFieldsSchema = z.object({
  name: kebab,
  description: z.string().min(10),
  trigger: TriggerSchema,
  runtime: RuntimeSchema.default(RuntimeSchema.parse({})),
  /** Env vars the function's config schema reads (besides the project and log settings). */
  env: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), EnvVarSchema).default({}),
  /** Secret Manager secrets, exposed to the function as env vars. */
  secrets: z
    .array(
      z.object({
        env: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
        secret: kebab,
        /**
         * `latest`: the env var holds the latest version's value. `all-enabled`: it holds the secret's
         * resource name and the function reads every enabled version (rotation with an overlap).
         */
        versions: z.enum(['latest', 'all-enabled']).default('latest'),
      }),
    )
    .default([]),
  /** What it touches: the source of its service account's roles. */
  touches: z
    .object({
      collections: z
        .object({ read: z.array(collectionName).default([]), write: z.array(collectionName).default([]) })
        .default({ read: [], write: [] }),
      publishes: z.array(topicRef).default([]),
      buckets: z
        .array(z.object({ bucket: kebab, prefix: z.string().default(''), access: z.enum(['read', 'write']) }))
        .default([]),
      /** Firebase Auth users: `manage` creates users, sets their custom claims and revokes their sessions. */
      users: z.enum(['none', 'manage']).default('none'),
      /** Firebase Cloud Messaging: `send` pushes to devices (the API enabled, the sender role granted). */
      messaging: z.enum(['none', 'send']).default('none'),
      /** V4 signed URLs: the function signs as itself (IAM signBlob: Token Creator on its own account). */
      signsUrls: z.boolean().default(false),
      /** Cloud KMS keys (in the `backbone` key ring) it wraps data keys with, or unwraps them with. */
      keys: z.array(z.object({ key: kebab, access: z.enum(['encrypt', 'decrypt', 'encrypt-decrypt']) })).default([]),
    })
    .default({
      collections: { read: [], write: [] },
      publishes: [],
      buckets: [],
      users: 'none',
      messaging: 'none',
      signsUrls: false,
      keys: [],
    }),
});

export const FunctionManifestSchema = ManifestFieldsSchema.transform(({ runtime, ...manifest }) => {
  const defaults = RUNTIME_DEFAULTS[manifest.trigger.kind];
  const maxInstances = runtime.maxInstances ?? defaults.maxInstances;
  const concurrency = runtime.concurrency ?? defaults.concurrency;
  return { ...manifest, runtime: { ...runtime, maxInstances, concurrency } };
});
export type FunctionManifest = z.infer<typeof FunctionManifestSchema>;
export type FunctionManifestInput = z.input<typeof FunctionManifestSchema>;
export type HttpRoute = z.infer<typeof HttpRouteSchema>;

/**
 * Declares a function: the one description the bundler, the local runner and the
 * infrastructure read. Validated when loaded.
 *
 * @example
 * export default defineFunction({ name: 'health-api', description: '...', trigger: { kind: 'http', routes } });
 */
export function defineFunction(manifest: FunctionManifestInput): FunctionManifest {
  const trigger = manifest.trigger;
  if (trigger.kind !== 'pubsub' || !isTopic(trigger.topic)) return FunctionManifestSchema.parse(manifest);
  // Ordered delivery needs publishers that set ordering keys, which only an ordered topic promises.
  if (trigger.ordering && !trigger.topic.ordered)
    throw new Error(`${manifest.name}: topic ${trigger.topic.name} is not ordered; its subscription cannot be`);
  return FunctionManifestSchema.parse({
    ...manifest,
    trigger: { ...trigger, ordering: trigger.ordering ?? trigger.topic.ordered },
  });
}

/** The Functions Framework target of a function: the camelCase of its folder name. */
export function entryPointOf(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The Functions Framework signature type a trigger needs (Cloud Scheduler calls HTTP). */
export function signatureTypeOf(manifest: FunctionManifest): 'http' | 'cloudevent' {
  return manifest.trigger.kind === 'pubsub' ? 'cloudevent' : 'http';
}
