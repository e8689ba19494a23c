import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyGenesisSignature, type CertificationRequest } from '@backbone/shared/agents';
import { HttpGenesisClient } from '../adapters/http-genesis-client';

const SECRET = 'genesis-secret-for-tests';
const request: CertificationRequest = {
  requestId: 'agent.status_changed:acme~bot@2',
  tenant: 'acme',
  agentId: 'bot',
  version: '1.0.0',
  specHash: 'sha256:abc',
  spec: {
    model: { provider: 'p', name: 'm', temperature: 0 },
    instructions: 'x',
    tools: [],
    mcpServers: [],
    integrations: [],
  },
  callbackUrl: 'https://api.example/v1/genesis/callbacks',
  submittedAt: '2026-12-07T10:00:00.000Z',
};

async function genesisServer(answer: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void) {
  const received: { headers: IncomingMessage['headers']; body: Buffer }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise((r) => server.close(r)) };
}

describe('HttpGenesisClient (the production adapter)', () => {
  it('posts the request signed over the exact body, with the request id as idempotency key', async () => {
    const genesis = await genesisServer((_req, res) => (res.writeHead(202), res.end()));
    await new HttpGenesisClient(genesis.url, SECRET).requestCertification(request);
    const [sent] = genesis.received;
    expect(JSON.parse(sent!.body.toString())).toEqual(request);
    expect(sent!.headers['idempotency-key']).toBe(request.requestId);
    expect(() =>
      verifyGenesisSignature([SECRET], sent!.body, sent!.headers['genesis-signature'] as string),
    ).not.toThrow();
    expect(() =>
      verifyGenesisSignature(['another-secret'], sent!.body, sent!.headers['genesis-signature'] as string),
    ).toThrow('does not verify');
    await genesis.close();
  });

  it.each([
    [409, undefined],
    [503, 'SYS-002'],
    [429, 'SYS-002'],
    [400, 'EVENT-001'],
  ])('answers %s as %s', async (status, code) => {
    const genesis = await genesisServer((_req, res) => (res.writeHead(status), res.end()));
    const outcome = await new HttpGenesisClient(genesis.url, SECRET).requestCertification(request).then(
      () => undefined,
      (e: { code: string }) => e.code,
    );
    expect(outcome).toBe(code);
    await genesis.close();
  });

  it('gives up on a Genesis that does not answer within its timeout, as a transient failure', async () => {
    const genesis = await genesisServer(() => undefined); // never answers
    const started = Date.now();
    const error = await new HttpGenesisClient(genesis.url, SECRET, 200).requestCertification(request).catch((e) => e);
    expect([error.code, Date.now() - started < 2000]).toEqual(['SYS-002', true]);
    await genesis.close();
  });

  it('refuses to send a request that breaks the contract', async () => {
    const client = new HttpGenesisClient('http://127.0.0.1:9', SECRET);
    await expect(client.requestCertification({ ...request, callbackUrl: 'not a url' })).rejects.toThrow();
  });
});
