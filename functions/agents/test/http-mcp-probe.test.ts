import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpMcpProbe } from '../adapters/http-mcp-probe';

async function server(answer: (status: (code: number) => void) => void) {
  const s = createServer((req, res) => answer((code) => (res.writeHead(code), res.end())));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/mcp`, close: () => s.closeAllConnections() };
}

describe('HttpMcpProbe (the production adapter)', () => {
  it('counts any HTTP answer as reachable, a 401 or a 405 included', async () => {
    for (const code of [200, 401, 405, 503]) {
      const s = await server((answer) => answer(code));
      expect(await new HttpMcpProbe(1000).reachable(s.url)).toBe(true);
      s.close();
    }
  });

  it('counts a refused connection and a server that never answers as unreachable, within the timeout', async () => {
    const silent = await server(() => undefined);
    const started = Date.now();
    expect(await new HttpMcpProbe(200).reachable(silent.url)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    silent.close();
    expect(await new HttpMcpProbe(500).reachable('http://127.0.0.1:9/mcp')).toBe(false);
  });
});
