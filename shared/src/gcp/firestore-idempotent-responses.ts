import { type Firestore, Timestamp } from '@google-cloud/firestore';
import type { Clock } from '../core/ports/clock';
import type { IdempotentResponses, IdempotentStart, StoredResponse } from '../core/idempotency/idempotent-responses';

interface Doc {
  fingerprint: string;
  state: 'running' | 'done';
  /** A request that crashed mid-way may run again after this. */
  leaseUntil: Timestamp;
  response?: StoredResponse;
  /** TTL: keys are kept a day, as Stripe keeps them. */
  expireAt: Timestamp;
}

/** `idempotent_requests/{sha256 of caller, key}`: one document per caller's key, kept 24 h. */
export class FirestoreIdempotentResponses implements IdempotentResponses {
  constructor(
    private readonly db: Firestore,
    private readonly clock: Clock,
    private readonly options: { leaseMs?: number; keepMs?: number } = {},
  ) {}

  private ref(key: string) {
    return this.db.collection('idempotent_requests').doc(key);
  }

  start(key: string, fingerprint: string): Promise<IdempotentStart> {
    const now = this.clock.now().getTime();
    return this.db.runTransaction(async (tx) => {
      const doc = (await tx.get(this.ref(key))).data() as Doc | undefined;
      if (doc && doc.expireAt.toMillis() > now) {
        if (doc.fingerprint !== fingerprint) return { kind: 'mismatch' };
        if (doc.state === 'done' && doc.response) return { kind: 'replay', response: doc.response };
        if (doc.leaseUntil.toMillis() > now) return { kind: 'in-progress' };
      }
      tx.set(this.ref(key), {
        fingerprint,
        state: 'running',
        leaseUntil: Timestamp.fromMillis(now + (this.options.leaseMs ?? 60_000)),
        expireAt: Timestamp.fromMillis(now + (this.options.keepMs ?? 86_400_000)),
      } satisfies Doc);
      return { kind: 'new' };
    });
  }

  async finish(key: string, response: StoredResponse): Promise<void> {
    await this.ref(key).set({ state: 'done', response: JSON.parse(JSON.stringify(response)) }, { merge: true });
  }
}
