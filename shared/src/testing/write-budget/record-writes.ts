import { WriteBatch } from '@google-cloud/firestore';

/**
 * Firestore's production limits the emulator does not enforce: about one sustained write a second
 * to one document, and about 500 writes a second to a range of increasing keys. This records every
 * committed write (batches, transactions and single writes all commit through WriteBatch) so a
 * benchmark can report its hottest document and key range.
 */
interface Write {
  path: string;
  at: number;
  label: string;
}

const writes: Write[] = [];
let label = 'unlabelled';
let installed = false;

/** Names what runs from now on (a benchmark's section). */
export function labelWrites(name: string): void {
  label = name;
}

export function recordWrites(): void {
  if (installed) return;
  installed = true;
  const proto = WriteBatch.prototype as unknown as {
    _commit(this: { _ops: { docPath: string }[] }, ...args: unknown[]): Promise<unknown>;
  };
  const original = proto._commit;
  proto._commit = async function (this: { _ops: { docPath: string }[] }, ...args: unknown[]) {
    const paths = this._ops.map((op) => op.docPath);
    const result = await original.apply(this, args);
    const at = Date.now();
    for (const path of paths) writes.push({ path, at, label });
    return result;
  };
}

/** How many document writes were recorded so far (for a benchmark counting its own). */
export function writesRecorded(): number {
  return writes.length;
}

export interface WriteBudgetRow {
  label: string;
  writes: number;
  /** The document written most within any 10 s, and its rate over those 10 s. */
  hottestDocument: { path: string; perSecond: number };
  /** The collection (one parent's) written under rising keys at the highest rate, and that rate. */
  risingKeys: { collection: string; risingShare: number; perSecond: number } | undefined;
}

/** Per label: the hottest document (writes/s over its busiest 10 s) and rising-key collections. */
export function writeBudget(windowMs = 10_000): WriteBudgetRow[] {
  const byLabel = groupBy(writes, (w) => w.label);
  return [...byLabel.entries()].map(([name, list]) => {
    let hottest = { path: '', perSecond: 0 };
    for (const [path, ws] of groupBy(list, (w) => w.path)) {
      const rate = peakRate(
        ws.map((w) => w.at),
        windowMs,
      );
      if (rate > hottest.perSecond) hottest = { path, perSecond: rate };
    }
    // A key range is one parent's collection: the steps of two runs under random run ids are
    // far apart in the key space, however their own ids rise. Shown with the parents' ids as `*`.
    const byCollection = groupBy(list, (w) => w.path.slice(0, w.path.lastIndexOf('/')));
    let rising: WriteBudgetRow['risingKeys'];
    for (const [collection, ws] of byCollection) {
      if (ws.length < 50) continue;
      let up = 0;
      for (let i = 1; i < ws.length; i++) if (idOf(ws[i]!.path) > idOf(ws[i - 1]!.path)) up++;
      const risingShare = up / (ws.length - 1);
      const perSecond = peakRate(
        ws.map((w) => w.at),
        windowMs,
      );
      if (risingShare > 0.9 && (!rising || perSecond > rising.perSecond))
        rising = { collection: pattern(collection), risingShare, perSecond };
    }
    return { label: name, writes: list.length, hottestDocument: hottest, risingKeys: rising };
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const idOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

// A collection path with its parents' ids as stars: tenants/*/agents/*/runs/*/steps.
const pattern = (collection: string) =>
  collection
    .split('/')
    .map((part, i) => (i % 2 === 1 ? '*' : part))
    .join('/');

/** The highest count of times within any window, as a rate per second. */
function peakRate(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best / (windowMs / 1000);
}
