import { parseWith, respond, type Route } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import { AuditReadQuerySchema } from './schema';

/**
 * Forensic reads of the audit log (000#14, 000#21): allowed by policy (auditors and up), and each
 * read is itself appended to the log: who read which records, when.
 */
export function auditRoutes(deps: { audit: AuditLog; gate: Gatekeeper }): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/audit/records',
      handle: async (ctx) => {
        const { after, limit } = parseWith(AuditReadQuerySchema, Object.fromEntries(ctx.query), 'query');
        const resource = { type: 'Component', id: 'audit_logs' } as const;
        const records = await deps.gate.run(ctx.caller, 'view', resource, async () => {
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
    },
  ];
}
