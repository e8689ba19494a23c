import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CertificationRequestSchema,
  GENESIS_SIGNATURE_HEADER,
  signGenesis,
  verifyGenesisSignature,
  type CertificationRequest,
} from '@backbone/shared/agents';

export const GENESIS_MODES = ['certify', 'reject', 'timeout'] as const;
export type GenesisMode = (typeof GENESIS_MODES)[number];

/**
 * A local stand-in for Genesis (000#2), speaking its contract: `POST /v1/certifications` (signed,
 * checked against the schema) is answered 202, then progress and a verdict are posted, signed, to
 * the request's callback URL. What it decides is set on demand (`POST /mode {"mode"}`, or
 * `npm run genesis -- certify|reject|timeout`): `timeout` holds requests unanswered, so
 * agent-certification times out and Pub/Sub delivers again.
 */
export async function startGenesisStandIn(secret: string, log: (line: string) => void) {
  let mode: GenesisMode = 'certify';
  let callbacks = 0;
  const callBack = async (request: CertificationRequest, body: object) => {
    const payload = JSON.stringify({
      callbackId: `genesis-cb-${Date.now()}-${++callbacks}`,
      requestId: request.requestId,
      tenant: request.tenant,
      agentId: request.agentId,
      version: request.version,
      at: new Date().toISOString(),
      ...body,
    });
    const res = await fetch(request.callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GENESIS_SIGNATURE_HEADER]: signGenesis(secret, payload) },
      body: payload,
    });
    if (!res.ok) log(`genesis stand-in: callback answered ${res.status} ${await res.text()}`);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const answer = (status: number, body: object = {}) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && req.url === '/mode') {
        const wanted = (JSON.parse(raw.toString() || '{}') as { mode?: GenesisMode }).mode;
        if (!wanted || !GENESIS_MODES.includes(wanted)) return answer(400, { modes: GENESIS_MODES });
        mode = wanted;
        return answer(200, { mode });
      }
      if (req.method !== 'POST' || req.url !== '/v1/certifications') return answer(404);
      try {
        verifyGenesisSignature([secret], raw, req.headers[GENESIS_SIGNATURE_HEADER] as string | undefined);
      } catch (error) {
        return answer(401, { error: (error as Error).message });
      }
      const parsed = CertificationRequestSchema.safeParse(JSON.parse(raw.toString()));
      if (!parsed.success) return answer(400, { error: parsed.error.message });
      if (mode === 'timeout') return; // never answered: the caller's timeout fires
      answer(202, { accepted: parsed.data.requestId });
      const request = parsed.data;
      const verdict = mode === 'certify' ? 'certified' : 'rejected';
      setTimeout(() => {
        void (async () => {
          await callBack(request, { type: 'progress', stage: 'conformity_runs', percent: 50 });
          await callBack(request, {
            type: 'verdict',
            verdict,
            reason: verdict === 'rejected' ? 'Stand-in: rejected on demand (npm run genesis -- reject)' : '',
          });
          log(`genesis stand-in: ${request.tenant}/${request.agentId}@${request.version} ${verdict}`);
        })().catch((error: Error) => log(`genesis stand-in: ${error.message}`));
      }, 500);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
