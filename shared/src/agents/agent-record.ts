import { z } from 'zod';
import { AGENT_STATUSES } from './lifecycle';
import { ConformitySchema } from './conformity';
import { SPECIALTY_IDS } from './specialties';

/** Why an agent stands where it stands: a suspension's trigger, a rejection's reason. */
export const StatusNoteSchema = z.object({
  event: z.string(),
  reason: z.string(),
  trigger: z.string().optional(),
  by: z.string(),
  at: z.date(),
});
export type StatusNote = z.infer<typeof StatusNoteSchema>;

/** The Genesis certification of the submitted version (000#2): its request, progress, and the callbacks seen. */
export const CertificationSchema = z.object({
  requestId: z.string(),
  version: z.string(),
  requestedAt: z.date(),
  stage: z.string(),
  percent: z.number().int(),
  /** The callback ids applied (the last 50): a redelivered callback changes nothing. */
  callbacks: z.array(z.string()),
});
export type Certification = z.infer<typeof CertificationSchema>;

/**
 * `tenants/{tenant}/agents/{id}`: an agent, owned by its tenant, on the lifecycle definition it
 * started on. Versions are immutable and live beside it (`versions/{semver}`).
 */
export const AgentRecordSchema = z.object({
  tenant: z.string(),
  id: z.string(),
  name: z.string(),
  specialty: z.enum(SPECIALTY_IDS),
  description: z.string(),
  /** A status of its lifecycle definition (the shipped one's are AGENT_STATUSES). */
  status: z.string(),
  lifecycle: z.number().int(),
  /** The highest version added. */
  latestVersion: z.string().nullable(),
  /** The version under certification, certified, or rejected last. */
  candidateVersion: z.string().nullable(),
  /** The version the runtime runs while deployed or suspended. */
  deployedVersion: z.string().nullable(),
  versionCount: z.number().int().nonnegative(),
  rejections: z.number().int().nonnegative(),
  /** Three rejections (000#17): waiting for the Platform Governor to override or block. */
  escalated: z.boolean(),
  certification: CertificationSchema.nullable(),
  /** The conformity runs behind the last verdict that reported them (000#23). */
  conformity: ConformitySchema.nullable(),
  /** Versions certified over the agent's life (by Genesis or the Governor): an upgrade goes to one of them. */
  certifiedVersions: z.array(z.string()),
  /**
   * An upgrade in progress (000#15): `draining` refuses new runs until the active ones end, then the
   * deployed version switches (`switched`) and runs resume. Each step is persisted: a crash resumes.
   */
  upgrade: z
    .object({
      from: z.string(),
      to: z.string(),
      step: z.enum(['draining', 'switched']),
      startedAt: z.date(),
      by: z.string(),
    })
    .nullable(),
  /**
   * The infrastructure handoff (000#20): when each deployment attempt was refused in the last 7
   * days, and whether the third refusal escalated it to the platform admins (no further attempt
   * until one of them clears it).
   */
  handoff: z.object({ rejections: z.array(z.date()), escalated: z.boolean() }),
  /** A marketplace agent provisioned by a checkout (000#3): the template and the saga that asked. */
  origin: z.object({ template: z.string(), sagaId: z.string() }).nullable(),
  note: StatusNoteSchema.nullable(),
  /** Counts the agent's changes: its events are numbered by it, so a retried change cannot announce twice. */
  revision: z.number().int().positive(),
  createdAt: z.date(),
  createdBy: z.string(),
  updatedAt: z.date(),
  updatedBy: z.string(),
});
export type AgentRecord = z.infer<typeof AgentRecordSchema>;

/** What the PEP needs to decide about an agent: whether it exists, its status, whether it is certified. */
export interface AgentState {
  status: string;
  certified: boolean;
}

/** A version that passed certification and was not pulled back: certified, deployed or suspended. */
export function agentState(record: AgentRecord | undefined): AgentState {
  if (!record) return { status: 'unknown', certified: false };
  return { status: record.status, certified: ['certified', 'deployed', 'suspended'].includes(record.status) };
}

export const STATUS_FILTER = z.enum(AGENT_STATUSES);
