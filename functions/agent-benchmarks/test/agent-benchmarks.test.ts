import { declaredRoutes } from '@backbone/shared/gcp';
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

describe('agent-benchmarks', () => {
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
