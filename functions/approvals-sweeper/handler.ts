import { createScheduledHandler, type Clock, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { serviceRecord, type AuditLog } from '@backbone/shared/audit';
import { announce, escalate, type ApprovalRequest, type ApprovalStore } from '@backbone/shared/approvals';
import { type EventPublisher } from '@backbone/shared/core';

export interface SweeperDeps {
  approvals: ApprovalStore;
  audit: AuditLog;
  clock: Clock;
  source: string;
  publisher: EventPublisher;
  logger: Logger;
}

const PAGE = 200;

/**
 * One firing: every pending request past its current deadline moves on (to the Deputy Governor,
 * or, past the last step, to expired: DENY), each in its own transaction that re-reads it, so a
 * retry, an overlapping firing or a crash mid-way never escalates a step twice. Each move is audited;
 * every pending step not yet announced (escalated, or its publish lost) is announced.
 */
export function makeHandler(deps: SweeperDeps, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, async (tick) => {
    const now = deps.clock.now();
    const counts = { escalated: 0, expired: 0, announced: 0 };
    for (;;) {
      const due = await deps.approvals.due(now, PAGE);
      for (const request of due) {
        const moved: { request?: ApprovalRequest } = {};
        await deps.approvals.update(request.id, (current) => {
          const next = escalate(current, now);
          if (next) moved.request = next;
          return next;
        });
        if (!moved.request) continue;
        const step = moved.request.history.at(-1)!;
        counts[step.event === 'expired' ? 'expired' : 'escalated']++;
        await deps.audit.append([
          serviceRecord(deps.source, now, {
            action: `approvals.${step.event}`,
            target: { type: 'Approval', id: request.id },
            outcome: step.event === 'expired' ? 'deny' : 'pending',
            details: { stage: step.stage, approver: request.chain[step.stage]?.role ?? null },
          }),
        ]);
      }
      if (due.length < PAGE) break;
    }
    // Steps whose announcement was lost (a broker outage) or never made (just escalated).
    for (const request of await deps.approvals.unannounced(PAGE))
      if (await announce({ ...deps, logger: tick.log }, request)) counts.announced++;
    if (counts.escalated + counts.expired + counts.announced > 0) tick.log.info('approvals swept', counts);
    return counts;
  });
}
