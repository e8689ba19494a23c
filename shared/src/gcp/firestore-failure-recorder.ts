import { type Firestore, Timestamp } from '@google-cloud/firestore';
import { maskDeep, maskPii } from '../core/logging/pii-masker';
import type { DeadLetter, FailureRecorder } from '../core/ports/failure-recorder';

/** Dead letters in `dead_letters/{id}`; a redelivered bad message overwrites its own record. */
export class FirestoreFailureRecorder implements FailureRecorder {
  constructor(
    private readonly db: Firestore,
    private readonly collection = 'dead_letters',
  ) {}

  async record(letter: DeadLetter): Promise<void> {
    await this.db
      .collection(this.collection)
      .doc(encodeURIComponent(letter.id))
      .set({
        ...letter,
        reason: maskPii(letter.reason),
        payload: maskDeep(letter.payload),
        receivedAt: Timestamp.fromDate(letter.receivedAt),
      });
  }
}
