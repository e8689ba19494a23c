import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WebhookSignatureError } from '../core/errors/app-errors';
import { maskedText } from '../core/logging/stored-text';
import { defineRoutes } from '../core/http/route-contract';
import { AgentSpecSchema } from './agent-spec';
import { CONFORMITY_RUNS } from './conformity';

/**
 * The Genesis certification contract (000#2), both directions. Backbone asks Genesis to certify one
 * agent version; Genesis answers later through a signed callback, with progress updates and one
 * verdict. Both sides sign the raw JSON body with a shared secret, as Stripe does:
 * `Genesis-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; a signature older
 * than five minutes is a replay.
 */
export const GENESIS_SIGNATURE_HEADER = 'genesis-signature';
/** The shared secret both sides sign with, from Secret Manager. */
export const GENESIS_SIGNING_SECRET = { env: 'GENESIS_SIGNING_SECRET', secret: 'genesis-signing-secret' } as const;
export const GENESIS_TOLERANCE_SECONDS = 300;

const text = z.string().min(1).max(128);

/** Outbound: `POST {GENESIS_URL}/v1/certifications`. Genesis dedupes on `requestId`. */
export const CertificationRequestSchema = z
  .object({
    requestId: text,
    tenant: text,
    agentId: text,
    version: text,
    specHash: text,
    spec: AgentSpecSchema,
    /** Where Genesis sends progress and the verdict. */
    callbackUrl: z.url(),
    submittedAt: z.iso.datetime(),
  })
  .strict();
export type CertificationRequest = z.infer<typeof CertificationRequestSchema>;

/**
 * Genesis's API as Backbone calls it: the outbound half of the contract, documented as
 * `openapi/genesis.json` (the inbound half is the agents function's `POST /v1/genesis/callbacks`).
 */
export const GENESIS_API_ROUTES = defineRoutes({
  'POST /v1/certifications': {
    summary:
      'Certify one agent version. Signed (`Genesis-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`), `Idempotency-Key` = requestId; 2xx or 409 (known request) ends it, 408/429/5xx are retried; progress and the verdict come back signed to `callbackUrl`.',
    access: 'public',
    metered: false,
    signedBody: CertificationRequestSchema,
    responses: { 202: z.object({ accepted: z.string() }).loose() },
  },
});

const about = {
  /** Unique per callback: a redelivery repeats it, and is answered without effect. */
  callbackId: text,
  requestId: text,
  tenant: text,
  agentId: text,
  version: text,
  at: z.iso.datetime(),
};

/** Inbound: `POST /v1/genesis/callbacks` on the agents function. */
export const GenesisCallbackSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('progress'),
      ...about,
      stage: z.enum(['received', 'static_checks', 'conformity_runs', 'review']),
      percent: z.number().int().min(0).max(100),
    })
    .strict(),
  z
    .object({
      type: z.literal('verdict'),
      ...about,
      verdict: z.enum(['certified', 'rejected']),
      // Free text Genesis wrote: masked before the agent's note or an audit record keeps it.
      reason: maskedText(z.string().max(2000)).default(''),
      /** The conformity score (0-100) of each of the three runs behind the verdict (000#23). */
      conformity: z.array(z.number().min(0).max(100)).length(CONFORMITY_RUNS).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('decertification'),
      ...about,
      /** Genesis withdraws a deployed version's certification: the agent is suspended (000#55). */
      reason: maskedText(z.string().min(1).max(2000)),
    })
    .strict(),
]);
export type GenesisCallback = z.infer<typeof GenesisCallbackSchema>;

const mac = (secret: string, timestamp: number, body: string | Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The `Genesis-Signature` header for a body, at a time (unix seconds). */
export function signGenesis(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/** Checks a body's `Genesis-Signature` against each active secret; WebhookSignatureError (400) when none matches. */
export function verifyGenesisSignature(
  secrets: readonly string[],
  body: Buffer,
  header: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): void {
  if (!header) throw new WebhookSignatureError('The Genesis-Signature header is missing.');
  const parts = Object.fromEntries(
    header.split(',').map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    }),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? ''))
    throw new WebhookSignatureError('The Genesis-Signature header is malformed.');
  if (Math.abs(nowSeconds - timestamp) > GENESIS_TOLERANCE_SECONDS)
    throw new WebhookSignatureError('The Genesis signature is outside the tolerance: a replay, or a skewed clock.');
  const given = Buffer.from(parts.v1!, 'hex');
  if (!secrets.some((secret) => timingSafeEqual(Buffer.from(mac(secret, timestamp, body), 'hex'), given)))
    throw new WebhookSignatureError('The Genesis signature does not verify.');
}
