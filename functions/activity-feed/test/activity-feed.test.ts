import { declaredRoutes } from '@backbone/shared/gcp';
import { captureLogs, invokeHttp, StaticAuthenticator } from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

const handler = makeHandler(
  { source: 'backbone/activity-feed', logger: captureLogs().logger },
  {
    declared: declaredRoutes(manifest),
    authenticator: new StaticAuthenticator({
      ada: { kind: 'user', uid: 'ada', portal: 'CP', tenant: 'acme', roles: [] },
    }),
  },
);

describe('activity-feed', () => {
  it('answers a signed-in user', async () => {
    const res = await invokeHttp(handler, {
      path: '/v1/activity-feed/status',
      headers: { authorization: 'Bearer ada' },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ service: 'backbone/activity-feed', caller: 'user' });
  });

  it('refuses an anonymous caller with problem+json', async () => {
    const res = await invokeHttp(handler, { path: '/v1/activity-feed/status' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
