import type { AddressInfo } from 'node:net';
import * as functions from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { captureLogs } from '@backbone/shared/testing';
import { guardFrameworkServer, unguardFrameworkServer } from '../src/core/http/framework-server-guard';

// The framework's own server, as `functions-framework --target=...` builds it.
let registered = 0;
async function serve(signatureType: 'http' | 'cloudevent', fn: unknown) {
  const name = `guarded${registered++}`;
  if (signatureType === 'http') functions.http(name, fn as functions.HttpFunction);
  else functions.cloudEvent(name, fn as functions.CloudEventFunction);
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('the Functions Framework behind the server guard (hardening 12, 14)', () => {
  const stderr: string[] = [];
  let write: typeof process.stderr.write;
  beforeEach(() => {
    stderr.length = 0;
    write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = write;
    unguardFrameworkServer();
  });

  it('without the guard, a malformed escape gets the Express HTML error page (what the guard fixes)', async () => {
    const { base, close } = await serve('http', (_req: unknown, res: { send(s: string): void }) => res.send('ok'));
    const res = await fetch(`${base}/asha%40example.com/%`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    // Outside production the page carries the stack; in production Express prints it raw on
    // stderr instead (under jest NODE_ENV is "test", which silences that print).
    expect(await res.text()).toContain('URIError');
    await close();
  });

  it.each(['/%', '/v1/x/%E0%A4%A', '/asha%40example.com/%ZZ'])(
    'answers %s with a problem+json 400 before the framework, and stderr stays clean',
    async (path) => {
      const { logger, records } = captureLogs();
      guardFrameworkServer({ logger, answersHealth: false });
      let reached = false;
      const { base, close } = await serve('http', (_req: unknown, res: { send(s: string): void }) => {
        reached = true;
        res.send('ok');
      });
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 400, code: 'REQ-001' });
      await close();
      expect(reached).toBe(false);
      expect(stderr.join('')).not.toContain('URIError');
      expect(JSON.stringify(records)).not.toContain('asha@example.com');
    },
  );

  it('lets well-formed paths through to the function', async () => {
    guardFrameworkServer({ logger: captureLogs().logger, answersHealth: false });
    const { base, close } = await serve('http', (req: { path: string }, res: { send(s: string): void }) =>
      res.send(`path=${req.path}`),
    );
    expect(await (await fetch(`${base}/v1/a%20b`)).text()).toBe('path=/v1/a%20b');
    await close();
  });

  it('gives a CloudEvent function a health route; without the guard the framework takes it for an event', async () => {
    const events: unknown[] = [];
    const fn = async (event: unknown) => {
      events.push(event);
    };
    const bare = await serve('cloudevent', fn);
    expect((await fetch(`${bare.base}/healthz`)).status).not.toBe(200);
    await bare.close();

    guardFrameworkServer({ logger: captureLogs().logger, answersHealth: true });
    const guarded = await serve('cloudevent', fn);
    const res = await fetch(`${guarded.base}/health`);
    expect([res.status, await res.json()]).toEqual([200, { status: 'ok' }]);
    const old = await fetch(`${guarded.base}/healthz`);
    expect([old.status, old.headers.get('deprecation'), old.headers.get('sunset')]).toEqual([
      200,
      '@1796601600',
      'Sun, 07 Mar 2027 00:00:00 GMT',
    ]);
    await guarded.close();
  });

  it('masks and structures what the framework prints with console.error', () => {
    guardFrameworkServer({ logger: captureLogs().logger, answersHealth: false });
    console.error(new Error('no customer asha@example.com'));
    const line = JSON.parse(stderr.join('').trim()) as { severity: string; message: string };
    expect(line.severity).toBe('ERROR');
    expect(line.message).toContain('[REDACTED_EMAIL]');
    expect(line.message).not.toContain('asha@example.com');
  });
});
