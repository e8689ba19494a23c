// The contract client fails a call whose answer the route's contract does not describe: a body
// its schema refuses, a status it does not document, an error code it does not name.
import { z } from 'zod';
import { ConflictError, createHttpHandler, defineRoutes, respond, routesFrom } from '@backbone/shared/core';
import { captureLogs, contractClient } from '@backbone/shared/testing';

const routes = defineRoutes({
  'GET /v1/things/:id': {
    summary: 'One thing',
    access: 'public',
    params: z.object({ id: z.string() }),
    responses: { 200: z.object({ id: z.string(), size: z.number().int() }) },
    errors: ['REQ-003'],
  },
});

// A handler whose answers drift from the contract on purpose, by id.
const handler = createHttpHandler({
  logger: captureLogs().logger,
  routes: routesFrom(routes, {
    'GET /v1/things/:id': async (_ctx, { params: { id } }) => {
      if (id === 'ok') return respond.json({ id, size: 3 });
      if (id === 'drift') return respond.json({ id, size: 'three' });
      if (id === 'accepted') return respond.json({ id, size: 3 }, 202);
      throw new ConflictError('not the documented error');
    },
  }),
});
type Paths = {
  '/v1/things/{id}': {
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { 'application/json': { id: string; size: number } } } };
    };
  };
};
const client = contractClient<Paths>(routes, handler);
const get = (id: string) => client.GET('/v1/things/{id}', { params: { path: { id } } });

describe('contractClient', () => {
  it('passes an answer that keeps the contract', async () => {
    expect((await get('ok')).data).toEqual({ id: 'ok', size: 3 });
  });

  it('fails a body the response schema refuses', async () => {
    await expect(get('drift')).rejects.toThrow(/GET \/v1\/things\/:id 200 breaks its contract/);
  });

  it('fails a status the contract does not document', async () => {
    await expect(get('accepted')).rejects.toThrow(/answered 202, a status its contract does not document/);
  });

  it('fails an error code the route does not name', async () => {
    await expect(get('conflict')).rejects.toThrow(/answered 409 REQ-008, a code its contract does not name/);
  });
});
