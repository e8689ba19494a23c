import { defineRoutes } from '@backbone/shared/core';
import { z } from 'zod';
import { DecideBatchSchema, PepRequestSchema, TrialSpendSchema } from './schema';

const DecisionSchema = z.object({
  /** `approval_required`: the policies allow it once a human approves `approvalId` (000#54); ask again then. */
  decision: z.enum(['allow', 'deny', 'approval_required']),
  approvalId: z.string().optional(),
  /** Ids of the policies that determined it: permits for allow, forbids for an explicit deny, none for deny by default. */
  reasons: z.array(z.string()),
  obligations: z.array(z.string()),
  policyVersion: z.string(),
});
const TrialSpendOutcomeSchema = z.object({
  tenant: z.string(),
  usageId: z.string(),
  /** False when this usage id was reported before (nothing added). */
  applied: z.boolean(),
  spendCents: z.number().int(),
});

/** pep-check's routes: service identities only (the agent runtime, the gateways). */
export const routes = defineRoutes({
  'POST /v1/pep/decide': {
    summary: 'Decide one request (deny by default); the decision is audited before the answer.',
    access: 'service',
    body: PepRequestSchema,
    responses: { 200: DecisionSchema },
  },
  'POST /v1/pep/decide-batch': {
    summary: 'Decide up to 100 requests at once, in order.',
    access: 'service',
    body: DecideBatchSchema,
    responses: { 200: z.object({ decisions: z.array(DecisionSchema) }) },
  },
  'POST /v1/pep/trial-usage': {
    summary: "Add a trial tenant's agent spend, once per usage id (201 added, 200 already counted).",
    access: 'service',
    body: TrialSpendSchema,
    responses: { 200: TrialSpendOutcomeSchema, 201: TrialSpendOutcomeSchema },
  },
});
