import { serviceToken, userToken, type DevKey } from './dev-identity';

/** A demo run of invoice-helper, as the agent runtime would report it: input, tool call and output, model call, answer. */
export const DEMO_RUN = { tenant: 'acme', agent: 'invoice-helper', run: 'demo-run-1' };

/**
 * Replays one run's steps through run-logs' batch route with the runtime's (local) service token,
 * so reading a run under audit has something to show. The customer's e-mail and phone in the
 * records are masked on the way in. Repeating it (a restart) stores nothing twice.
 */
export async function replayDemoRun(runLogsUrl: string, key: DevKey): Promise<void> {
  // Today (UTC), just after midnight: the default periods of stats, costs and budgets include it, and
  // a restart the same day sends the very same records (duplicates, stored nothing twice).
  const today = new Date();
  const at = (s: number) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 0, 1, s)).toISOString();
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
    body: JSON.stringify({ steps: [...steps, ...otherRuns(at)] }),
  });
  if (!res.ok) throw new Error(`replaying the demo run: ${res.status} ${await res.text()}`);
}

/** A few shorter runs beside it (one failed), so the stats, the feed and the benchmarks have figures. */
function otherRuns(at: (s: number) => string) {
  const runs = [
    { agentId: 'invoice-helper', runId: 'demo-run-2', outcome: 'success', tokensIn: 900 },
    { agentId: 'invoice-helper', runId: 'demo-run-3', outcome: 'error', tokensIn: 2400 },
    { agentId: 'contract-reviewer', runId: 'demo-run-4', outcome: 'success', tokensIn: 5200 },
  ];
  return runs.flatMap(({ agentId, runId, outcome, tokensIn }, r) => {
    const base = { runId, tenant: DEMO_RUN.tenant, agentId, agentVersion: '1.0.0' };
    const t = (s: number) => ({ startedAt: at(20 + r * 10 + s), endedAt: at(21 + r * 10 + s) });
    return [
      { ...base, ...t(0), step: 0, kind: 'input', text: 'A customer question.' },
      {
        ...base,
        ...t(2),
        step: 1,
        kind: 'model_call',
        model: {
          provider: 'vertex-ai',
          model: 'gemini-2.5-flash',
          temperature: 0,
          tokensIn,
          tokensOut: 150,
          finishReason: outcome === 'error' ? 'MAX_TOKENS' : 'STOP',
          latencyMs: 420,
          price: { inputPerMillionMicros: 300_000, outputPerMillionMicros: 2_500_000 },
        },
      },
      { ...base, ...t(4), step: 2, kind: 'final_answer', outcome, text: 'An answer.' },
    ];
  });
}

/**
 * acme's monthly budget, set as its owner (a billing admin) through run-stats: small enough that
 * the demo runs cross its first thresholds, so budget-alerts' first round has alerts to show.
 */
export async function setDemoBudget(runStatsUrl: string): Promise<void> {
  const res = await fetch(`${runStatsUrl}/v1/tenants/${DEMO_RUN.tenant}/budget`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${await userToken('owner@acme.demo')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ monthlyLimitMicros: 10_000, thresholds: [50, 75, 100], channel: { kind: 'feed' } }),
  });
  if (!res.ok) throw new Error(`setting the demo budget: ${res.status} ${await res.text()}`);
}

/**
 * The demo Governor's phone and acme's owner's phone: registered devices, so an approval request's
 * push shows in the notifications function's log and acme's budget notices in customer-notices'
 * (FCM is not reachable offline: PUSH_SENDER=log).
 */
export async function registerDemoDevice(approvalsUrl: string): Promise<void> {
  const phones = [
    ['governor@platform.demo', 'demo-governor-phone'],
    ['owner@acme.demo', 'demo-acme-owner-phone'],
  ] as const;
  for (const [user, install] of phones) {
    const res = await fetch(`${approvalsUrl}/v1/devices/${install}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await userToken(user)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: `demo-fcm-registration-token-${install}`, platform: 'ios' }),
    });
    if (!res.ok) throw new Error(`registering the demo device ${install}: ${res.status} ${await res.text()}`);
  }
}
