// A child process hosting the benchmark's endpoints, so their memory is not counted as the
// aggregator's: `/e/<i>` answers after latencies[i] ms, or never when it is -1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const latencies: number[] = JSON.parse(process.argv[2] ?? '[]');
const server = http.createServer((req, res) => {
  const latency = latencies[Number((req.url ?? '').split('/')[2])];
  if (latency === undefined) {
    res.writeHead(404).end();
    return;
  }
  if (latency < 0) return; // never answers
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'), latency);
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
