import { createScheduledHandler, type Clock, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { type FirestoreAuditSequencer } from '@backbone/shared/audit/gcp';

export interface SequencerDeps {
  sequencer: FirestoreAuditSequencer;
  clock: Clock;
  logger: Logger;
  runMs: number;
  intervalMs: number;
}

/** `POST /` (Cloud Scheduler, every minute): integrate rounds for `runMs`, then report. */
export function makeHandler(deps: SequencerDeps, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, () =>
    deps.sequencer.runUntil(deps.clock.now().getTime() + deps.runMs, deps.intervalMs),
  );
}
