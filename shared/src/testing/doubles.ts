import type { Caller } from '../core/auth/caller';
import { AuthenticationError, TransientError } from '../core/errors/app-errors';
import type { ApiKeyRecord, ApiKeyStore } from '../core/auth/api-key-store';
import type { Authenticator } from '../core/auth/authenticator';
import type { RateLimitStore } from '../core/ratelimit/rate-limit-store';
import { slidingCount } from '../core/ratelimit/rate-limiter';
import { maskDeep, maskPii } from '../core/logging/pii-masker';
import type { IdempotentResponses, IdempotentStart, StoredResponse } from '../core/idempotency/idempotent-responses';
import type { EventEnvelope } from '../core/events/envelope';
import { createLogger, type LogRecord, type Logger } from '../core/logging/logger';
import type { BlobWriter } from '../core/ports/blob-writer';
import { catalogTopic } from './event-catalog';
import type { Clock } from '../core/ports/clock';
import type { EventPublisher, PublishOptions } from '../core/ports/event-publisher';
import type { DeadLetter, FailureRecorder } from '../core/ports/failure-recorder';
import type { IdGenerator } from '../core/ports/id-generator';
import type { IdempotencyOutcome, IdempotencyStore } from '../core/idempotency/idempotency-store';

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-01-01T00:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Ids `prefix-1`, `prefix-2`, ... */
export class SequentialIds implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = 'id') {}
  next(): string {
    return `${this.prefix}-${++this.n}`;
  }
}

export interface PublishedEvent {
  topic: string;
  event: EventEnvelope;
  orderingKey?: string;
}

/**
 * Records what was published; `failNext` makes the next publish fail like a broker outage.
 * Every event is checked against the event catalog, so each producer's tests prove its events are
 * ones the topic's consumers accept (and carry an ordering key where the topic is ordered).
 */
export class RecordingEventPublisher implements EventPublisher {
  readonly published: PublishedEvent[] = [];
  private failures = 0;
  /** Keys whose publish just failed: like Pub/Sub's ordered publisher, the calls already made on them fail too. */
  private readonly failedKeys = new Set<string>();
  failNext(count = 1): void {
    this.failures += count;
  }
  async publish(topic: string, event: EventEnvelope, options: PublishOptions = {}): Promise<string> {
    const catalog = catalogTopic(topic);
    if (!catalog) throw new Error(`${topic} is not a topic of the event catalog`);
    const checked = catalog.envelope.safeParse(event);
    if (!checked.success) throw new Error(`${topic}: ${event.type} breaks the catalog: ${checked.error.message}`);
    if (catalog.ordered && !options.orderingKey) throw new Error(`${topic} is ordered: publish with an ordering key`);
    const key = options.orderingKey;
    if (key && this.failedKeys.has(key)) throw new TransientError(`ordering key ${key} failed (test double)`);
    if (this.failures > 0) {
      this.failures--;
      if (key) {
        this.failedKeys.add(key);
        // Resumed once the calls made together with the failed one have failed, as the adapter does.
        queueMicrotask(() => this.failedKeys.delete(key));
      }
      throw new TransientError('publish failed (test double)');
    }
    this.published.push({
      topic,
      event: structuredClone(event),
      ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}),
    });
    return String(this.published.length);
  }
  types(): string[] {
    return this.published.map((p) => p.event.type);
  }
}

export class MemoryFailureRecorder implements FailureRecorder {
  readonly letters = new Map<string, DeadLetter>();
  /** Masked as the Firestore recorder masks. */
  async record(letter: DeadLetter): Promise<void> {
    this.letters.set(letter.id, {
      ...letter,
      reason: maskPii(letter.reason),
      payload: maskDeep(letter.payload),
    });
  }
}

/** Same contract as the Firestore store, in memory (no lease expiry: nothing crashes here). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly state = new Map<string, 'processing' | 'done'>();
  async runOnce<T>(key: string, effect: () => Promise<T>): Promise<IdempotencyOutcome<T>> {
    const current = this.state.get(key);
    if (current === 'done') return { status: 'already-done' };
    if (current === 'processing') throw new TransientError(`'${key}' is being processed by another delivery`);
    this.state.set(key, 'processing');
    try {
      const result = await effect();
      this.state.set(key, 'done');
      return { status: 'ran', result };
    } catch (error) {
      this.state.delete(key);
      throw error;
    }
  }
}

/** A logger whose records are kept for assertions (masked exactly as in production). */
export function captureLogs(service = 'test'): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  return {
    logger: createLogger({ service, projectId: 'demo-test', level: 'DEBUG', sink: (r) => records.push(r) }),
    records,
  };
}

/** Callers by token, for unit tests of routes: `Bearer <name>` is whoever was registered as name. */
export class StaticAuthenticator implements Authenticator {
  constructor(private readonly callers: Record<string, Caller>) {}
  async authenticate(headers: Record<string, string | undefined>): Promise<Caller> {
    const header = headers['authorization'];
    if (!header) return { kind: 'anonymous' };
    const caller = this.callers[header.replace(/^Bearer\s+/i, '')];
    if (!caller) throw new AuthenticationError('unknown test token');
    return caller;
  }
}

export class MemoryApiKeyStore implements ApiKeyStore {
  readonly records = new Map<string, ApiKeyRecord>();
  async get(keyId: string) {
    const r = this.records.get(keyId);
    return r ? { ...r } : undefined;
  }
  async create(record: ApiKeyRecord) {
    if (this.records.has(record.keyId)) throw new Error('exists');
    this.records.set(record.keyId, { ...record });
  }
  async update(keyId: string, changes: Partial<ApiKeyRecord>) {
    this.records.set(keyId, { ...this.records.get(keyId)!, ...changes });
  }
  async rotate(keyId: string, successor: ApiKeyRecord, validUntil: Date) {
    const old = this.records.get(keyId);
    if (!old || old.revokedAt || old.replacedBy) return false;
    this.records.set(successor.keyId, { ...successor });
    this.records.set(keyId, { ...old, validUntil, replacedBy: successor.keyId });
    return true;
  }
  async listByTenant(tenant: string) {
    return [...this.records.values()].filter((r) => r.tenant === tenant);
  }
}

/** Sliding-window counters in memory; `calls` tells how often the shared store was asked. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly counts = new Map<string, number>();
  calls = 0;
  async tryHit(key: string, windowStart: number, windowMs: number, limit: number, now: number, want = 1) {
    this.calls++;
    const current = this.counts.get(`${key}@${windowStart}`) ?? 0;
    const used = slidingCount(
      this.counts.get(`${key}@${windowStart - windowMs}`) ?? 0,
      current,
      windowStart,
      windowMs,
      now,
    );
    const granted = Math.max(0, Math.min(want, Math.floor(limit - used)));
    if (granted === 0) return { allowed: false, granted: 0, used: Math.ceil(used) };
    this.counts.set(`${key}@${windowStart}`, current + granted);
    return { allowed: true, granted, used: Math.ceil(used + granted) };
  }
}

/** Same contract as the Firestore store, in memory (no expiry). */
export class MemoryIdempotentResponses implements IdempotentResponses {
  readonly entries = new Map<string, { fingerprint: string; response?: StoredResponse }>();
  async start(key: string, fingerprint: string): Promise<IdempotentStart> {
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, { fingerprint });
      return { kind: 'new' };
    }
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return entry.response ? { kind: 'replay', response: entry.response } : { kind: 'in-progress' };
  }
  async finish(key: string, response: StoredResponse): Promise<void> {
    this.entries.get(key)!.response = response;
  }
}

/** Write-once blobs in memory. */
export class MemoryBlobWriter implements BlobWriter {
  readonly blobs = new Map<string, { content: string; contentType: string }>();
  async writeOnce(path: string, content: string, contentType: string) {
    if (this.blobs.has(path)) return 'exists' as const;
    this.blobs.set(path, { content, contentType });
    return 'written' as const;
  }
}
