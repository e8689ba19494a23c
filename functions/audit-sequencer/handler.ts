import { createHttpHandler, respond, type Clock, type Logger, type Route } from '@backbone/shared/core';
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
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/',
      handle: async () => {
        const report = await deps.sequencer.runUntil(
          deps.clock.now().getTime() + deps.runMs,
          deps.intervalMs,
        );
        return respond.json(report);
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });
}
