import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a fake endpoint answers: after `delayMs`, with a status and body; or never. */
export type FakeBehaviour = { delayMs?: number; status?: number; body?: string } | 'never';

export interface FakeServices {
  url(path: string): string;
  /** Changes how a path answers from now on. */
  set(path: string, behaviour: FakeBehaviour): void;
  hits(path: string): number;
  close(): Promise<void>;
}

/**
 * One loopback HTTP server that plays many services, one per path: fast, slow, failing,
 * answering garbage, or never answering. Paths not configured answer 404.
 */
export async function startFakeServices(behaviours: Record<string, FakeBehaviour> = {}): Promise<FakeServices> {
  const table = new Map(Object.entries(behaviours));
  const counts = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const behaviour = table.get(path);
    if (behaviour === 'never') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const answer = () => {
      res.writeHead(behaviour?.status ?? 404, { 'content-type': 'application/json' });
      res.end(behaviour?.body ?? (behaviour ? '{"status":"ok"}' : '{"status":"unknown path"}'));
    };
    if (behaviour?.delayMs) setTimeout(answer, behaviour.delayMs);
    else answer();
  });
  server.keepAliveTimeout = 60_000;
  server.maxConnections = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set: (path, behaviour) => table.set(path, behaviour),
    hits: (path) => counts.get(path) ?? 0,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
