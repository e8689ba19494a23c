import { serviceToken, type DevKey } from './dev-identity';

/** A demo run of invoice-helper, as the agent runtime would report it: input, tool call and output, model call, answer. */
export const DEMO_RUN = { tenant: 'acme', agent: 'invoice-helper', run: 'demo-run-1' };

/**
 * Replays one run's steps through run-logs' batch route with the runtime's (local) service token,
 * so reading a run under audit has something to show. The customer's e-mail and phone in the
 * records are masked on the way in. Repeating it (a restart) stores nothing twice.
 */
export async function replayDemoRun(runLogsUrl: string, key: DevKey): Promise<void> {
  const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 9, 0, s)).toISOString();
  const base = { runId: DEMO_RUN.run, tenant: DEMO_RUN.tenant, agentId: DEMO_RUN.agent, agentVersion: '1.0.0' };
  const steps = [
    {
      step: 0,
      kind: 'input',
      text: 'Why is invoice INV-0042 higher? Reach me at asha.rao@example.co.in or +91 98765 43210.',
    },
    { step: 1, kind: 'tool_call', payload: { tool: 'lookup_invoice', args: { invoice: 'INV-0042' } } },
    {
      step: 2,
      kind: 'tool_output',
      payload: { invoice: 'INV-0042', lines: 3, billingEmail: 'asha.rao@example.co.in' },
    },
    {
      step: 3,
      kind: 'model_call',
      text: 'Explain the invoice difference.',
      model: {
        provider: 'vertex-ai',
        model: 'gemini-2.5-pro',
        temperature: 0,
        tokensIn: 1840,
        tokensOut: 212,
        finishReason: 'STOP',
        latencyMs: 930,
        price: { inputPerMillionMicros: 1_250_000, outputPerMillionMicros: 10_000_000 },
      },
    },
    {
      step: 4,
      kind: 'final_answer',
      text: 'Your plan moved to Growth on 1 December; the difference is the prorated upgrade.',
    },
  ].map((s, i) => ({ ...base, ...s, startedAt: at(i * 2), endedAt: at(i * 2 + 1) }));
  const res = await fetch(`${runLogsUrl}/v1/runs/steps:batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serviceToken(key, runLogsUrl)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ steps }),
  });
  if (!res.ok) throw new Error(`replaying the demo run: ${res.status} ${await res.text()}`);
}
