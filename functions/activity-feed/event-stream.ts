import {
  encodePosition,
  FOLLOW_WINDOW,
  type ActivityFeed,
  type FeedEntry,
  type FeedPosition,
} from '@backbone/shared/runlogs';
import type { HttpResult } from '@backbone/shared/core';

export interface StreamTimings {
  lifetimeMs: number;
  heartbeatMs: number;
}

/** How soon a client reconnects after the stream ends (the SSE `retry` field). */
const RECONNECT_MS = 1000;

/** An item as the API shows it: its place in the feed is its cursor (and its event id). */
export function itemView(entry: FeedEntry) {
  const { position, at, tenant: _tenant, ...item } = entry;
  return { ...item, at: at.toISOString(), cursor: encodePosition(position) };
}

/**
 * A tenant's feed as Server-Sent Events from `after`: each item an event whose id resumes after it,
 * a comment every heartbeat (so proxies keep the connection), and an end after the lifetime or
 * once the follow window's items are sent (the client resumes from the last id at once).
 */
export function activityStream(
  feed: ActivityFeed,
  tenant: string,
  after: FeedPosition | undefined,
  timings: StreamTimings,
): HttpResult {
  return {
    status: 200,
    contentType: 'text/event-stream; charset=utf-8',
    headers: { 'Cache-Control': 'no-cache, no-store', 'X-Accel-Buffering': 'no' },
    stream: async (out) => {
      out.write(`retry: ${RECONNECT_MS}\n\n`);
      await new Promise<void>((resolve) => {
        let delivered = 0;
        const end = () => {
          stop();
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          resolve();
        };
        const stop = feed.follow(
          tenant,
          after,
          (items) => {
            for (const item of items) {
              const view = itemView(item);
              out.write(`id: ${view.cursor}\nevent: ${view.type}\ndata: ${JSON.stringify(view)}\n\n`);
            }
            // The listener follows a window of FOLLOW_WINDOW items: once it is full, the client
            // resumes after the last one on a new connection.
            delivered += items.length;
            if (delivered >= FOLLOW_WINDOW) end();
          },
          end,
        );
        const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), timings.heartbeatMs);
        const lifetime = setTimeout(end, timings.lifetimeMs);
        out.closed.addEventListener('abort', end);
      });
    },
  };
}
