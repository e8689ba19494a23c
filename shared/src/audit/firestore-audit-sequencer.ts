import { randomUUID } from 'node:crypto';
import { type Firestore, Timestamp, type Transaction } from '@google-cloud/firestore';
import { AuditRecordSchema, chainHash, GENESIS_HASH, type AuditEntry } from './audit-record';
import { cutTiles, tileId, type AuditTile } from './tiles';
import type { Logger } from '../core/logging/logger';
import { UNSETTLED_OUTCOME } from './audit-log';
import type { Clock } from '../core/ports/clock';
import { auditCollections, type HeadDoc, type IntakeDoc } from './firestore-audit-log';

export interface SequencerOptions {
  clock: Clock;
  logger: Logger;
  /** How long a lease lasts without renewal (a crashed sequencer is replaced after this). */
  leaseMs?: number;
  /** Records integrated in one round at most (one transaction: the tiles and the head). */
  maxRoundRecords?: number;
  maxTileEntries?: number;
  maxTileBytes?: number;
  /** An intent not settled after this is integrated with outcome `unknown`. */
  intentTimeoutMs?: number;
  /**
   * Writes derived from the round's entries in the round's own transaction (counts kept by other
   * domains, e.g. PEP decisions per agent): each entry is counted exactly when it is chained.
   */
  alsoInRound?: (tx: Transaction, entries: AuditEntry[]) => void;
}

export interface RoundReport {
  integrated: number;
  /** Oldest record's wait from append to integration, in ms. */
  maxDelayMs: number;
  headSeq: number;
  /** Intents left pending for their caller to settle. */
  pendingIntents: number;
}

export class SequencerLeaseLostError extends Error {
  override name = 'SequencerLeaseLostError';
}

interface LeaseDoc {
  token: string;
  until: Timestamp;
}

/**
 * The audit chain's single writer. Each round reads the intake, orders it, chains it onto the
 * head and writes the tiles and the new head in one transaction fenced by the lease, then deletes
 * the intake it integrated. A crash before the commit integrates nothing (the intake is still
 * there); a crash after it leaves intake that the next round removes first (the head names the
 * last round's tiles, which list their intake ids): nothing is lost and nothing is chained twice.
 */
export class FirestoreAuditSequencer {
  private readonly token = randomUUID();
  private readonly leaseMs: number;
  private cleanedRound: string | undefined;

  constructor(
    private readonly db: Firestore,
    private readonly options: SequencerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  private headRef() {
    return this.db.collection(auditCollections.head).doc('head');
  }
  private leaseRef() {
    return this.db.collection(auditCollections.head).doc('sequencer');
  }

  /** The lease is rewritten only when half of it has run: its document stays far under one write a second. */
  private renewalDue(lease: LeaseDoc | undefined, now: number): boolean {
    return lease?.token !== this.token || lease.until.toMillis() - now < this.leaseMs / 2;
  }

  /** Takes (or renews, when due) the lease; false while another sequencer holds it. */
  async acquire(): Promise<boolean> {
    const now = this.options.clock.now().getTime();
    return this.db.runTransaction(async (tx) => {
      const lease = (await tx.get(this.leaseRef())).data() as LeaseDoc | undefined;
      if (lease && lease.token !== this.token && lease.until.toMillis() > now) return false;
      if (this.renewalDue(lease, now))
        tx.set(this.leaseRef(), { token: this.token, until: Timestamp.fromMillis(now + this.leaseMs) });
      return true;
    });
  }

  async release(): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const lease = (await tx.get(this.leaseRef())).data() as LeaseDoc | undefined;
      if (lease?.token === this.token) tx.delete(this.leaseRef());
    });
  }

  /** One round; the caller holds the lease (acquire). */
  async round(): Promise<RoundReport> {
    const head = ((await this.headRef().get()).data() as HeadDoc | undefined) ?? {
      seq: 0,
      hash: GENESIS_HASH,
    };
    const done = await this.finishPreviousRound(head);
    const now = this.options.clock.now().getTime();
    const intake = this.db.collection(auditCollections.intake);
    const max = this.options.maxRoundRecords ?? 2000;
    const [settled, pending] = await Promise.all([
      intake.where('state', '==', 'settled').limit(max).get(),
      intake.where('state', '==', 'pending').limit(max).get(),
    ]);
    const timeout = this.options.intentTimeoutMs ?? 120_000;
    const expired = pending.docs.filter((d) => now - (d.data() as IntakeDoc).receivedAt.toMillis() > timeout);
    const docs = [...settled.docs, ...expired]
      .filter((d) => !done.has(d.id))
      .sort((a, b) => {
        const ta = (a.data() as IntakeDoc).receivedAt.toMillis();
        const tb = (b.data() as IntakeDoc).receivedAt.toMillis();
        return ta - tb || (a.id < b.id ? -1 : 1);
      })
      .slice(0, max);
    const report = { pendingIntents: pending.size - expired.length, headSeq: head.seq };
    if (docs.length === 0) return { integrated: 0, maxDelayMs: 0, ...report };

    let seq = head.seq;
    let prevHash = head.hash;
    let oldest = now;
    const chained = docs.map((doc) => {
      const intake = doc.data() as IntakeDoc;
      oldest = Math.min(oldest, intake.receivedAt.toMillis());
      const record = AuditRecordSchema.parse(
        intake.state === 'pending'
          ? {
              ...intake.record,
              outcome: UNSETTLED_OUTCOME,
              details: { ...intake.record.details, unsettledIntent: true },
            }
          : intake.record,
      );
      seq++;
      const hash = chainHash(prevHash, seq, record);
      const entry: AuditEntry = { ...record, seq, prevHash, hash };
      prevHash = hash;
      return { entry, intakeId: doc.id };
    });
    const tiles = cutTiles(chained, {
      maxEntries: this.options.maxTileEntries ?? 256,
      maxBytes: this.options.maxTileBytes ?? 512 * 1024,
    });
    const maxDelayMs = now - oldest;
    await this.db.runTransaction(async (tx) => {
      const [lease, current] = await Promise.all([tx.get(this.leaseRef()), tx.get(this.headRef())]);
      const held = lease.data() as LeaseDoc | undefined;
      if (held?.token !== this.token) throw new SequencerLeaseLostError('another sequencer holds the lease');
      if (((current.data() as HeadDoc | undefined)?.seq ?? 0) !== head.seq)
        throw new SequencerLeaseLostError('the head moved under this round');
      for (const tile of tiles)
        tx.create(this.db.collection(auditCollections.entries).doc(tileId(tile.firstSeq)), tile);
      tx.set(this.headRef(), {
        seq,
        hash: prevHash,
        round: {
          tiles: tiles.map((t) => tileId(t.firstSeq)),
          count: chained.length,
          at: Timestamp.fromMillis(now),
          maxDelayMs,
        },
      } satisfies HeadDoc);
      if (this.renewalDue(held, now))
        tx.set(this.leaseRef(), { token: this.token, until: Timestamp.fromMillis(now + this.leaseMs) });
      this.options.alsoInRound?.(
        tx,
        chained.map((c) => c.entry),
      );
    });
    await this.deleteIntake(chained.map((c) => c.intakeId));
    this.cleanedRound = tiles.map((t) => tileId(t.firstSeq)).join(',');
    this.options.logger.info('audit round integrated', {
      integrated: chained.length,
      headSeq: seq,
      maxDelayMs,
    });
    return { integrated: chained.length, maxDelayMs, headSeq: seq, pendingIntents: report.pendingIntents };
  }

  /**
   * Runs rounds until `deadline`, at most one head write per `intervalMs` (Firestore sustains
   * about one write a second to a document), renewing the lease as it goes, or until `stop` says so.
   */
  async runUntil(
    deadline: number,
    intervalMs = 1000,
    stop: () => boolean = () => false,
  ): Promise<{ rounds: number; integrated: number; maxDelayMs: number }> {
    let rounds = 0;
    let integrated = 0;
    let maxDelayMs = 0;
    while (this.options.clock.now().getTime() < deadline && !stop()) {
      const started = Date.now();
      if (!(await this.acquire())) {
        await sleep(intervalMs);
        continue;
      }
      const report = await this.round();
      rounds++;
      integrated += report.integrated;
      maxDelayMs = Math.max(maxDelayMs, report.maxDelayMs);
      await sleep(Math.max(0, intervalMs - (Date.now() - started)));
    }
    await this.release();
    return { rounds, integrated, maxDelayMs };
  }

  /** The intake of the last committed round, deleted (again, if a crash cut it short). */
  private async finishPreviousRound(head: HeadDoc): Promise<Set<string>> {
    const tiles = head.round?.tiles ?? [];
    const key = tiles.join(',');
    if (tiles.length === 0 || key === this.cleanedRound) return new Set();
    const snaps = await this.db.getAll(...tiles.map((id) => this.db.collection(auditCollections.entries).doc(id)));
    const ids = snaps.flatMap((s) => (s.data() as AuditTile | undefined)?.intakeIds ?? []);
    await this.deleteIntake(ids);
    this.cleanedRound = key;
    return new Set(ids);
  }

  private async deleteIntake(ids: string[]): Promise<void> {
    const intake = this.db.collection(auditCollections.intake);
    for (let i = 0; i < ids.length; i += 500) {
      const batch = this.db.batch();
      for (const id of ids.slice(i, i + 500)) batch.delete(intake.doc(id));
      await batch.commit();
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
