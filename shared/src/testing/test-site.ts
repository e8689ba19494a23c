import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  host: string;
  /** Requests seen, in order (path and the request headers). */
  requests: { path: string; headers: http.IncomingHttpHeaders; at: number }[];
  /** The most requests ever in flight at once. */
  maxInFlight: () => number;
  close(): Promise<void>;
}

/** A loopback web site for crawler tests: `handle` answers each request; in-flight counts are kept. */
export async function startTestSite(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => unknown,
): Promise<TestSite> {
  const requests: TestSite['requests'] = [];
  let inFlight = 0;
  let max = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    max = Math.max(max, inFlight);
    requests.push({ path: req.url ?? '/', headers: req.headers, at: Date.now() });
    res.on('close', () => inFlight--);
    void Promise.resolve(handle(req, res)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    maxInFlight: () => max,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
