import { Cron } from 'croner';
import type { FunctionManifest } from '@backbone/shared/core';
import { serviceToken, type DevKey } from './dev-identity';

/** Fires a scheduled function the way Cloud Scheduler does: POST with the schedule time header. */
/** With its OIDC token, as Cloud Scheduler's job presents one for the function's URL. */
export async function fireScheduled(
  url: string,
  scheduleTime: Date,
  key: DevKey,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'X-CloudScheduler-ScheduleTime': scheduleTime.toISOString(),
      'User-Agent': 'Google-Cloud-Scheduler (backbone local)',
      Authorization: `Bearer ${serviceToken(key, url)}`,
    },
  });
  return { status: response.status, body: await response.text() };
}

/** A local Cloud Scheduler: one cron job per scheduled manifest, in its time zone. */
export function startScheduler(
  manifests: FunctionManifest[],
  urls: Record<string, string>,
  key: DevKey,
  log: (line: string) => void,
): { stop(): void } {
  const jobs = manifests.flatMap((m) => {
    if (m.trigger.kind !== 'schedule') return [];
    const job = new Cron(m.trigger.cron, { timezone: m.trigger.timeZone, protect: true }, async (self: Cron) => {
      const scheduled = self.currentRun() ?? new Date();
      scheduled.setMilliseconds(0);
      try {
        const { status, body } = await fireScheduled(urls[m.name]!, scheduled, key);
        log(`scheduler: ${m.name} -> ${status} ${body.slice(0, 160)}`);
      } catch (error) {
        log(`scheduler: ${m.name} failed: ${(error as Error).message}`);
      }
    });
    return [job];
  });
  return { stop: () => jobs.forEach((j) => j.stop()) };
}
