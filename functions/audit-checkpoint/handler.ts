import { createScheduledHandler, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { sealHead, type CheckpointDeps } from './service';

export function makeHandler(deps: CheckpointDeps & { logger: Logger }, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, (tick) => sealHead(deps, tick.log));
}
