import { respond } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import type { GovernanceHandlers } from './routes';

const AUDIT_LOGS = { type: 'Component', id: 'audit_logs' } as const;

/**
 * Forensic reads of the audit log (000#14, 000#21): allowed by policy (auditors and up), and each
 * read is itself appended to the log: who read which records, when.
 */
export function auditHandlers(deps: { audit: AuditLog; gate: Gatekeeper }) {
  return {
    'GET /v1/audit/records': async (ctx, { query: { after, limit } }) => {
      const records = await deps.gate.run(ctx.caller, 'view', AUDIT_LOGS, async () => {
        const read = await deps.audit.read(after, limit);
        return {
          result: read,
          details: {
            forensicRead: true,
            after,
            limit,
            firstSeq: read[0]?.seq ?? null,
            lastSeq: read.at(-1)?.seq ?? null,
          },
        };
      });
      const next = records.length === limit ? records.at(-1)!.seq : null;
      return respond.json({ records, next });
    },
  } satisfies Partial<GovernanceHandlers>;
}
