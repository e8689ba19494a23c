import { FieldPath, FieldValue, Timestamp, type DocumentSnapshot, type Firestore } from '@google-cloud/firestore';
import type { ActivityItem, FeedPosition, NewActivityItem } from './activity';
import { FOLLOW_WINDOW, type ActivityFeed, type FeedEntry } from './step-store';

/**
 * `tenants/{tenant}/activity/{id}`: `at` is the commit time (a server timestamp), so a listener's
 * snapshot holds every item committed up to its read time: resuming after the last item seen
 * misses none committed later.
 */
export function activityRef(db: Firestore, item: NewActivityItem) {
  return db.collection('tenants').doc(item.tenant).collection('activity').doc(item.id);
}

/** How long the feed keeps an item: Firestore's TTL deletes it after (the runs themselves stay). */
export const ACTIVITY_RETENTION_DAYS = 90;

export function activityWrite(item: NewActivityItem, at: FieldValue) {
  return { ...item, at, expireAt: Timestamp.fromMillis(Date.now() + ACTIVITY_RETENTION_DAYS * 86_400_000) };
}

function entryOf(doc: DocumentSnapshot): FeedEntry {
  const { expireAt: _expireAt, ...data } = doc.data()!;
  const at = data.at as Timestamp;
  return {
    ...(data as Omit<ActivityItem, 'at'>),
    at: at.toDate(),
    position: { seconds: at.seconds, nanos: at.nanoseconds, id: doc.id },
  };
}

export class FirestoreActivityFeed implements ActivityFeed {
  constructor(private readonly db: Firestore) {}

  private feed(tenant: string) {
    return this.db.collection('tenants').doc(tenant).collection('activity');
  }

  async page(tenant: string, limit: number, before?: FeedPosition): Promise<FeedEntry[]> {
    let query = this.feed(tenant).orderBy('at', 'desc').orderBy(FieldPath.documentId(), 'desc');
    if (before) query = query.startAfter(new Timestamp(before.seconds, before.nanos), before.id);
    return (await query.limit(limit).get()).docs.map(entryOf);
  }

  follow(
    tenant: string,
    after: FeedPosition | undefined,
    onItems: (items: FeedEntry[]) => void,
    onError: (error: unknown) => void,
  ): () => void {
    let query = this.feed(tenant).orderBy('at').orderBy(FieldPath.documentId()).limit(FOLLOW_WINDOW);
    if (after) query = query.startAfter(new Timestamp(after.seconds, after.nanos), after.id);
    return query.onSnapshot((snap) => {
      // Only additions: an item is written once, and a listener's first snapshot is its backlog.
      const added = snap.docChanges().filter((c) => c.type === 'added');
      if (added.length > 0) onItems(added.map((c) => entryOf(c.doc)));
    }, onError);
  }
}
