import { FieldValue, type Firestore, Timestamp } from '@google-cloud/firestore';
import { TransientError } from '../core/errors/app-errors';
import type { Clock } from '../core/ports/clock';
import { systemClock } from '../core/ports/clock';
import type { IdempotencyOutcome, IdempotencyStore } from '../core/idempotency/idempotency-store';

type Claim = { status: 'processing' | 'done'; leaseUntil: Timestamp; attempts: number };

/** Idempotency keys in Firestore (`idempotency/{key}`), claimed in a transaction. */
export class FirestoreIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: Firestore,
    private readonly options: { collection?: string; leaseMs?: number; clock?: Clock } = {},
  ) {}

  async runOnce<T>(key: string, effect: () => Promise<T>): Promise<IdempotencyOutcome<T>> {
    const clock = this.options.clock ?? systemClock;
    const ref = this.db.collection(this.options.collection ?? 'idempotency').doc(encodeKey(key));
    const leaseMs = this.options.leaseMs ?? 60_000;

    const claimed = await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const claim = snap.data() as Claim | undefined;
      const now = clock.now();
      if (claim?.status === 'done') return 'already-done' as const;
      if (claim?.status === 'processing' && claim.leaseUntil.toMillis() > now.getTime()) {
        return 'held' as const;
      }
      tx.set(ref, {
        key,
        status: 'processing',
        leaseUntil: Timestamp.fromMillis(now.getTime() + leaseMs),
        attempts: (claim?.attempts ?? 0) + 1,
        claimedAt: Timestamp.fromDate(now),
      });
      return 'claimed' as const;
    });
    if (claimed === 'already-done') return { status: 'already-done' };
    if (claimed === 'held') throw new TransientError(`'${key}' is being processed by another delivery`);

    let result: T;
    try {
      result = await effect();
    } catch (error) {
      await ref.delete().catch(() => undefined);
      throw error;
    }
    await ref.update({
      status: 'done',
      doneAt: Timestamp.fromDate(clock.now()),
      leaseUntil: FieldValue.delete(),
    });
    return { status: 'ran', result };
  }
}

/** Firestore ids cannot contain '/': keep keys readable but safe. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/\./g, '%2E');
}
