import { createHash } from 'node:crypto';
import { z } from 'zod';
import { maskDeep, maskPii } from '../core/logging/pii-masker';
import { findUnsafeValue } from '../core/http/text-safety';
import { AgentIdSchema, SemverSchema } from '../agents/agent-spec';
import { TenantIdSchema } from '../governance/tenant-id';

export const STEP_KINDS = ['input', 'tool_call', 'tool_output', 'model_call', 'final_answer'] as const;
export const RUN_OUTCOMES = ['success', 'error'] as const;

/** What a model call must declare (004§1.2): enough to prove its settings and to audit its cost. */
const ModelCallSchema = z
  .object({
    provider: z.string().min(1).max(64),
    model: z.string().min(1).max(128),
    temperature: z.number().min(0).max(2),
    topP: z.number().gt(0).max(1).optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    tokensIn: z.number().int().nonnegative(),
    tokensOut: z.number().int().nonnegative(),
    finishReason: z.string().min(1).max(64),
    latencyMs: z.number().nonnegative(),
    /** The call's cost in micro-units of `currency`; or the price table to compute it from. */
    costMicros: z.number().int().nonnegative().optional(),
    price: z
      .object({ inputPerMillionMicros: z.number().nonnegative(), outputPerMillionMicros: z.number().nonnegative() })
      .strict()
      .optional(),
    /** Costs are kept in one currency so they add up per tenant and agent; the runtime converts others. */
    currency: z.literal('USD').default('USD'),
  })
  .strict();

const REQUIRED_MODEL_FIELDS = [
  'provider',
  'model',
  'temperature',
  'tokensIn',
  'tokensOut',
  'finishReason',
  'latencyMs',
];

/**
 * One step of an agent run as the runtime reports it. Text and payloads are masked before anything
 * is stored (004§1.1); a model call must carry its metadata (004§1.2): a 400 lists what is missing.
 */
export const StepInputSchema = z
  .object({
    runId: z.string().regex(/^[A-Za-z0-9][\w.:-]{0,127}$/, 'a run id'),
    tenant: TenantIdSchema,
    agentId: AgentIdSchema,
    agentVersion: SemverSchema,
    step: z.number().int().min(0).max(100_000),
    kind: z.enum(STEP_KINDS),
    text: z.string().max(32_000).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
    model: z.record(z.string(), z.unknown()).optional(),
    /** How the run ended: only on its final answer (default `success`). */
    outcome: z.enum(RUN_OUTCOMES).optional(),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime(),
  })
  .strict()
  .superRefine((step, ctx) => {
    // Over Pub/Sub nothing checked the text before (the HTTP pipeline does): a NUL or a lone
    // surrogate no store can take is the sender's error, not a retry.
    const unsafe = findUnsafeValue(step);
    if (unsafe) ctx.addIssue({ code: 'custom', path: unsafe.path.split('.').filter(Boolean), message: unsafe.message });
    if (step.outcome && step.kind !== 'final_answer')
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'only a final answer carries the run outcome' });
    if (step.kind !== 'model_call') {
      if (step.model)
        ctx.addIssue({ code: 'custom', path: ['model'], message: 'only a model call carries model metadata' });
      return;
    }
    const missing = REQUIRED_MODEL_FIELDS.filter((f) => step.model?.[f] === undefined);
    if (step.model?.costMicros === undefined && step.model?.price === undefined) missing.push('costMicros or price');
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: `a model call must carry: ${missing.join(', ')}` });
      return;
    }
    const parsed = ModelCallSchema.safeParse(step.model);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ ...issue, code: 'custom', path: ['model', ...issue.path] });
  });
export type StepInput = z.infer<typeof StepInputSchema>;
export type ModelCall = z.infer<typeof ModelCallSchema> & { costMicros: number };

/** A step as stored: masked, its model call normalized with its cost, and the hash of what was stored. */
export interface StoredStep {
  runId: string;
  tenant: string;
  agentId: string;
  agentVersion: string;
  step: number;
  kind: StepInput['kind'];
  text: string | null;
  payload: unknown;
  model: ModelCall | null;
  /** The run's outcome, on its final answer; null on other steps. */
  outcome: (typeof RUN_OUTCOMES)[number] | null;
  startedAt: Date;
  endedAt: Date;
  durationMs: number;
  contentHash: string;
}

/** Masks a step (every text and payload field; the model's settings are not free text) and prices its model call. */
export function storedStep(input: StepInput): StoredStep {
  const model = input.model ? ModelCallSchema.parse(input.model) : null;
  const withCost = model
    ? {
        ...model,
        costMicros:
          model.costMicros ??
          Math.round(
            (model.tokensIn * model.price!.inputPerMillionMicros +
              model.tokensOut * model.price!.outputPerMillionMicros) /
              1_000_000,
          ),
      }
    : null;
  const masked = {
    runId: input.runId,
    tenant: input.tenant,
    agentId: input.agentId,
    agentVersion: input.agentVersion,
    step: input.step,
    kind: input.kind,
    text: input.text === undefined ? null : maskPii(input.text),
    payload: input.payload === undefined ? null : maskDeep(input.payload),
    model: withCost,
    outcome: input.kind === 'final_answer' ? (input.outcome ?? 'success') : null,
    startedAt: new Date(input.startedAt),
    endedAt: new Date(input.endedAt),
    durationMs: Math.max(0, Date.parse(input.endedAt) - Date.parse(input.startedAt)),
  };
  const contentHash = createHash('sha256').update(JSON.stringify(masked)).digest('hex');
  return { ...masked, contentHash };
}
