/**
 * Runs an effect at most once per key, across retries, duplicate deliveries and crashes.
 *
 * A claim holds a lease: if its holder crashes, the claim expires and a redelivery runs the
 * effect (it never completed). A completed key never runs again. A failed run releases its
 * claim so the retry is not blocked. A duplicate arriving while another holder is running the
 * effect gets a TransientError, so the broker redelivers it later instead of dropping it.
 *
 * @example
 * const outcome = await idempotency.runOnce(`tickets:${event.id}`, () => createTickets(event));
 * if (outcome.status === 'already-done') log.info('duplicate delivery ignored');
 */
export interface IdempotencyStore {
  runOnce<T>(key: string, effect: () => Promise<T>): Promise<IdempotencyOutcome<T>>;
}

export type IdempotencyOutcome<T> = { status: 'ran'; result: T } | { status: 'already-done' };
