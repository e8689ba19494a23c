import { z } from 'zod';
import { defineTopic } from '../core/events/topic';

/** `cache-invalidations`: the corpus moved to a new version; answer caches older than it are stale. */
export const cacheInvalidations = defineTopic('cache-invalidations', {
  ordered: false,
  events: {
    'cache.invalidate': z.object({
      cache: z.literal('constitution'),
      corpusVersion: z.number().int().positive(),
      documentId: z.string().min(1),
    }),
  },
});
