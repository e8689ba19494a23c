// The files of a new function, by trigger kind, in the shape every function has (README "Add a function").
import './text-modules';
import { isTopic, type Topic } from '@backbone/shared/core';
import * as agents from '@backbone/shared/agents';
import * as approvals from '@backbone/shared/approvals';
import * as billing from '@backbone/shared/billing';
import * as constitution from '@backbone/shared/constitution';
import * as health from '@backbone/shared/health';
import * as policy from '@backbone/shared/policy';
import * as runlogs from '@backbone/shared/runlogs';
import * as scraping from '@backbone/shared/scraping';

export type ScaffoldKind = 'http' | 'schedule' | 'pubsub';

const DOMAIN_ENTRIES = { agents, approvals, billing, constitution, health, policy, runlogs, scraping } as Record<
  string,
  Record<string, unknown>
>;

/** Where a catalog topic is exported from: its domain entry and its name there. */
export function topicExport(name: string): { entry: string; constName: string; topic: Topic } {
  for (const [entry, exports] of Object.entries(DOMAIN_ENTRIES))
    for (const [constName, value] of Object.entries(exports))
      if (isTopic(value) && value.name === name) return { entry: `@backbone/shared/${entry}`, constName, topic: value };
  const known = Object.values(DOMAIN_ENTRIES)
    .flatMap((exports) => Object.values(exports).filter(isTopic))
    .map((topic) => topic.name);
  throw new Error(`'${name}' is not a topic of the event catalog (${known.join(', ')})`);
}

const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

export function scaffold(input: {
  name: string;
  kind: ScaffoldKind;
  topic?: string | undefined;
}): Record<string, string> {
  const { name, kind } = input;
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name) || name.length > 40)
    throw new Error(`'${name}' is not a function name: kebab-case, at most 40 characters`);
  const Config = `${pascal(name)}ConfigSchema`;
  if (kind === 'http') return httpFunction(name, Config);
  if (kind === 'schedule') return scheduledFunction(name, Config);
  if (!input.topic) throw new Error('--pubsub needs the catalog topic it consumes');
  return eventFunction(name, Config, topicExport(input.topic));
}

function httpFunction(name: string, Config: string): Record<string, string> {
  const path = `/v1/${name}/status`;
  return {
    'routes.ts': `import { defineRoutes } from '@backbone/shared/core';
import { z } from 'zod';

/** ${name}'s routes: the manifest, the handler's validation and openapi/${name}.json read them. */
export const routes = defineRoutes({
  'GET ${path}': {
    summary: 'TODO: what this route answers.',
    access: 'user',
    responses: { 200: z.object({ service: z.string(), caller: z.string() }) },
  },
});
`,
    'function.ts': `import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: '${name}',
  description: 'TODO: what ${name} does and for whom.',
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  // Sizes default to 256 MiB, 60 s, 10 instances of 80 requests: state what differs.
  runtime: { memory: '256Mi' },
});
`,
    'schema.ts': `import { SecurityConfigSchema } from '@backbone/shared/core';

export const ${Config} = SecurityConfigSchema;
`,
    'handler.ts': `import { createHttpHandler, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { routes } from './routes';

export function makeHandler(deps: { source: string; logger: Logger }, security: HttpSecurity = {}) {
  return createHttpHandler({
    // One handler per declared route: a missing or an extra one is a type error.
    routes: routesFrom(routes, {
      'GET ${path}': async (ctx) => respond.json({ service: deps.source, caller: ctx.caller.kind }),
    }),
    logger: deps.logger,
    ...security,
  });
}
`,
    'index.ts': `import { serveHttp } from '@backbone/shared/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ${Config} } from './schema';

serveHttp(manifest, routes, ${Config}, ({ logger, source, security }) => makeHandler({ source, logger }, security));
`,
    [`test/${name}.test.ts`]: `import { declaredRoutes } from '@backbone/shared/gcp';
import { captureLogs, invokeHttp, StaticAuthenticator } from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const handler = makeHandler(
  { source: 'backbone/${name}', logger: captureLogs().logger },
  {
    declared: declaredRoutes(manifest),
    authenticator: new StaticAuthenticator({
      ada: { kind: 'user', uid: 'ada', portal: 'CP', tenant: 'acme', roles: [] },
    }),
  },
);

describe('${name}', () => {
  it('answers a signed-in user', async () => {
    const res = await invokeHttp(handler, { path: '${path}', headers: { authorization: 'Bearer ada' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ service: 'backbone/${name}', caller: 'user' });
  });

  it('refuses an anonymous caller with problem+json', async () => {
    const res = await invokeHttp(handler, { path: '${path}' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
`,
  };
}

function scheduledFunction(name: string, Config: string): Record<string, string> {
  return {
    'function.ts': `import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: '${name}',
  description: 'TODO: what ${name} does on each firing.',
  trigger: { kind: 'schedule', cron: '*/5 * * * *' },
  // Sizes default to 256 MiB, 60 s and one instance of one request (firings never overlap): state what differs.
  runtime: { memory: '256Mi' },
});
`,
    'schema.ts': `import { SecurityConfigSchema } from '@backbone/shared/core';

export const ${Config} = SecurityConfigSchema;
`,
    'handler.ts': `import { createScheduledHandler, type Clock, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';

/** One firing: every retry of it carries the same round id, so the work is idempotent on it. */
export function makeHandler(deps: { clock: Clock; logger: Logger }, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, async (tick) => {
    tick.log.info('${name} fired', { roundId: tick.roundId });
    return { roundId: tick.roundId };
  });
}
`,
    'index.ts': `import { serveSchedule } from '@backbone/shared/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { ${Config} } from './schema';

serveSchedule(manifest, ${Config}, ({ logger, clock, security }) => makeHandler({ clock, logger }, security));
`,
    [`test/${name}.test.ts`]: `import { declaredRoutes } from '@backbone/shared/gcp';
import { captureLogs, invokeHttp, ManualClock, StaticAuthenticator } from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const handler = makeHandler(
  { clock: new ManualClock(new Date('2026-12-03T10:00:00Z')), logger: captureLogs().logger },
  {
    declared: declaredRoutes(manifest),
    authenticator: new StaticAuthenticator({
      scheduler: { kind: 'service', email: 'scheduler@example.iam.gserviceaccount.com', subject: 'scheduler' },
    }),
  },
);
const fire = (headers: Record<string, string>) =>
  invokeHttp(handler, { method: 'POST', path: '/', headers: { authorization: 'Bearer scheduler', ...headers } });

describe('${name}', () => {
  it("names the round after the scheduler's time, the same for its retries", async () => {
    const res = await fire({ 'x-cloudscheduler-scheduletime': '2026-12-03T09:55:00Z' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ roundId: '20261203T095500000Z' });
  });

  it('refuses a malformed schedule time with problem+json', async () => {
    const res = await fire({ 'x-cloudscheduler-scheduletime': 'yesterday' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses an anonymous caller', async () => {
    expect((await invokeHttp(handler, { method: 'POST', path: '/' })).status).toBe(401);
  });
});
`,
  };
}

function eventFunction(
  name: string,
  Config: string,
  topic: { entry: string; constName: string; topic: Topic },
): Record<string, string> {
  const type = Object.keys(topic.topic.events)[0]!;
  return {
    'function.ts': `import { defineFunction } from '@backbone/shared/core';
import { ${topic.constName} } from '${topic.entry}';

export default defineFunction({
  name: '${name}',
  description: 'TODO: what ${name} does with each ${type} event.',
  trigger: { kind: 'pubsub', topic: ${topic.constName} },
  // 10 attempts, then the dead-letter topic; sizes default to 256 MiB, 60 s, 10 instances of 10 messages.
  runtime: { memory: '256Mi' },
  touches: { collections: { read: [], write: ['dead_letters'] } },
});
`,
    'schema.ts': `import { BaseConfigSchema } from '@backbone/shared/core';
import { ${topic.constName} } from '${topic.entry}';

export const ${Config} = BaseConfigSchema;

/** The events this function handles, with the catalog's schemas; other types are acknowledged and ignored. */
export const consumedEvents = ${topic.constName}.consume('${type}');
`,
    'handler.ts': `import { consume, type FailureRecorder, type Logger } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents } from './schema';

export function makeHandler(deps: { failures: FailureRecorder; logger: Logger }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    ctx.log.info('event received', { subject: event.subject });
  });
}
`,
    'index.ts': `import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { ${Config} } from './schema';

serveEvents(manifest, ${Config}, ({ logger, db }) =>
  makeHandler({ failures: new FirestoreFailureRecorder(db), logger }),
);
`,
    [`test/${name}.test.ts`]: `import { captureLogs, MemoryFailureRecorder, pubsubCloudEvent } from '@backbone/shared/testing';
import { makeHandler } from '../handler';

const setup = () => {
  const failures = new MemoryFailureRecorder();
  return { failures, handler: makeHandler({ failures, logger: captureLogs().logger }) };
};
const envelope = (type: string, data: unknown) => ({
  specversion: '1.0',
  id: 'evt-1',
  type,
  source: 'backbone/test',
  time: '2026-12-03T10:00:00.000Z',
  subject: 'subject-1',
  dataversion: '1',
  data,
});

describe('${name}', () => {
  it('dead-letters and acknowledges a ${type} event its schema refuses', async () => {
    const { failures, handler } = setup();
    await handler(pubsubCloudEvent(envelope('${type}', { unexpected: true })));
    expect([...failures.letters.values()].map((letter) => letter.function)).toEqual(['${name}']);
  });

  it('acknowledges and ignores an event type it does not consume', async () => {
    const { failures, handler } = setup();
    await handler(pubsubCloudEvent(envelope('other.happened', {})));
    expect(failures.letters.size).toBe(0);
  });
});
`,
  };
}
