import { z } from 'zod';
import {
  createHttpHandler,
  defineFunction,
  defineRoutes,
  manifestRoutes,
  openApiDocument,
  respond,
  routesFrom,
} from '@backbone/shared/core';
import { captureLogs, invokeHttp } from '@backbone/shared/testing';

const routes = defineRoutes({
  'GET /v1/things/:id': {
    summary: 'One thing',
    access: ['user', 'client'],
    scope: 'mcp_servers:read',
    params: z.object({ id: z.string().regex(/^[a-z]{1,10}$/) }),
    query: z.object({ detail: z.enum(['short', 'long']).default('short') }),
    responses: { 200: z.object({ id: z.string(), detail: z.string() }) },
    errors: ['REQ-003'],
  },
  'POST /v1/things': {
    summary: 'Make a thing',
    access: 'public',
    body: z.object({ name: z.string().min(1) }).strict(),
    responses: { 201: z.object({ id: z.string() }) },
  },
});
const manifest = defineFunction({
  name: 'things-api',
  description: 'A function of things, for the contract tests.',
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
});

describe('route contracts', () => {
  const handler = createHttpHandler({
    logger: captureLogs().logger,
    routes: routesFrom(routes, {
      'GET /v1/things/:id': async (_ctx, { params, query }) => respond.json({ id: params.id, detail: query.detail }),
      'POST /v1/things': async (_ctx, { body }) => respond.json({ id: body.name }, 201),
    }),
  });

  it('give the manifest its routes', () => {
    expect(manifest.trigger).toMatchObject({
      routes: [
        { method: 'GET', path: '/v1/things/:id', access: ['user', 'client'], scope: 'mcp_servers:read' },
        { method: 'POST', path: '/v1/things', access: 'public' },
      ],
    });
  });

  it('validate the body before the handler runs, naming the field', async () => {
    const ok = await invokeHttp(handler, { method: 'POST', path: '/v1/things', body: { name: 'x' } });
    expect([ok.status, ok.json()]).toEqual([201, { id: 'x' }]);
    const bad = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/things',
      body: { name: '', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'REQ-001' });
    expect(JSON.stringify(bad.json())).toContain('name');
  });

  it('refuse a missing or an extra handler at compile time', () => {
    // @ts-expect-error: 'POST /v1/things' has no handler
    routesFrom(routes, { 'GET /v1/things/:id': async () => respond.json({}) });
    routesFrom(routes, {
      'GET /v1/things/:id': async () => respond.json({}),
      'POST /v1/things': async () => respond.json({}),
      // @ts-expect-error: not a declared route
      'DELETE /v1/things/:id': async () => respond.json({}),
    });
  });

  it('become an OpenAPI document: templated paths, parameters, bodies, successes and problems', () => {
    const doc = openApiDocument(manifest, routes) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters: { name: string; in: string }[];
            responses: Record<string, unknown>;
            security: unknown[];
          }
        >
      >;
    };
    expect(Object.keys(doc.paths)).toEqual(['/v1/things/{id}', '/v1/things']);
    const get = doc.paths['/v1/things/{id}']!.get!;
    expect(get.parameters.map((p) => [p.in, p.name])).toEqual([
      ['path', 'id'],
      ['query', 'detail'],
    ]);
    expect(Object.keys(get.responses).sort()).toEqual(['200', '400', '401', '403', '404', '413', '415', '429']);
    expect(get.security).toEqual([{ bearer: [] }]);
    const post = doc.paths['/v1/things']!.post!;
    expect(post.security).toEqual([]);
    expect(Object.keys(post.responses)).not.toContain('401');
  });
});
