import type { STEP_KINDS } from '@backbone/shared/runlogs';

/**
 * Fake PII the masker knows, and a Stripe-shaped secret: none of it may be stored, logged,
 * dead-lettered or answered (004§1.1).
 */
export const CANARIES = [
  'asha.rao@example.co.in',
  '+91 98765 43210',
  '4111 1111 1111 1111',
  'DE89370400440532013000',
  'sk_live_51HxCanaryKey00aB12cD34eF56',
];
export const pii = CANARIES.join(' / ');

/** A model call's metadata priced from its table: 1,200 tokens in and 300 out cost 4,500 micros. */
export const model = {
  provider: 'vertex-ai',
  model: 'gemini-2.5-pro',
  temperature: 0,
  tokensIn: 1200,
  tokensOut: 300,
  finishReason: 'STOP',
  latencyMs: 840,
  price: { inputPerMillionMicros: 1_250_000, outputPerMillionMicros: 10_000_000 },
};

/** Step `n` of run-1 of acme's bot, 1,250 ms long, every text and payload field carrying the canaries. */
export const canaryStep = (n: number, kind: (typeof STEP_KINDS)[number], extra: object = {}) => ({
  runId: 'run-1',
  tenant: 'acme',
  agentId: 'bot',
  agentVersion: '1.0.0',
  step: n,
  kind,
  text: `step ${n}: ${pii}`,
  payload: {
    customer: { email: CANARIES[0], phone: CANARIES[1] },
    notes: [`card ${CANARIES[2]}`],
    apiKey: CANARIES[4],
  },
  ...(kind === 'model_call' ? { model } : {}),
  startedAt: '2026-12-07T10:00:00.000Z',
  endedAt: '2026-12-07T10:00:01.250Z',
  ...extra,
});
