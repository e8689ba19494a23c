import { corpusCollections, FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { emulatorFirestore } from '@backbone/shared/testing';

// The corpus store on the Firestore emulator: where a document's clauses are kept, and what a
// replacement removes.
const db = emulatorFirestore();

const clause = (n: number) => ({
  clauseId: `handbook/art-1/cl-${n}`,
  documentId: 'handbook',
  kind: 'knowledge' as const,
  title: 'Handbook',
  text: `Rule ${n}.`,
  embedding: [1, n, 0],
});

describe('FirestoreCorpusStore.replaceDocument', () => {
  const store = new FirestoreCorpusStore(db);
  const stored = async () =>
    (await db.collection(corpusCollections.chunks).where('documentId', '==', 'handbook').get()).docs;

  it('spreads consecutive clauses over the key space instead of one range of rising names', async () => {
    const clauses = Array.from({ length: 20 }, (_, i) => clause(i + 1));
    await store.replaceDocument({ documentId: 'handbook', kind: 'knowledge', contentHash: 'h1', clauses, model: 'm' });
    const ids = (await stored()).map((d) => d.id);
    expect(ids).toHaveLength(20);
    // Each id keeps the clause's name after a prefix of 8 hex digits ...
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-handbook%2Fart-1%2Fcl-\d+$/);
    // ... and the ids' order is not the clauses' order: the prefixes spread them.
    const byName = [...ids].sort((a, b) => Number(a.split('cl-')[1]) - Number(b.split('cl-')[1]));
    expect([...ids].sort()).not.toEqual(byName);
    expect(new Set(ids.map((id) => id[0])).size).toBeGreaterThan(5);
  });

  it('removes only the clauses the new version no longer has', async () => {
    const clauses = Array.from({ length: 19 }, (_, i) => clause(i + 1));
    const result = await store.replaceDocument({
      documentId: 'handbook',
      kind: 'knowledge',
      contentHash: 'h2',
      clauses,
      model: 'm',
    });
    expect(result).toMatchObject({ changed: true, removed: 1 });
    const texts = (await stored()).map((d) => d.get('clauseId') as string);
    expect(texts).toHaveLength(19);
    expect(texts).not.toContain('handbook/art-1/cl-20');
  });

  it('moves the corpus version after each change, at most once a second from one instance', async () => {
    const fresh = new FirestoreCorpusStore(db);
    const before = (await fresh.state()).version;
    const doc = (d: number) => ({
      documentId: `manual-${d}`,
      kind: 'knowledge' as const,
      contentHash: `m${d}`,
      clauses: [{ ...clause(d), clauseId: `manual-${d}/cl-1`, documentId: `manual-${d}` }],
      model: 'm',
    });
    const started = Date.now();
    const versions: number[] = [];
    for (let d = 0; d < 3; d++) versions.push((await fresh.replaceDocument(doc(d))).version);
    // Three changes, three moves, the second and third each a second after the one before.
    expect(versions).toEqual([before + 1, before + 2, before + 3]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const pending = await db.collection(corpusCollections.documents).where('versionPending', '==', true).get();
    expect(pending.docs.map((d) => d.id)).toEqual([]);
  });

  it('moves the version on the next delivery when the process stopped between the clauses and the move', async () => {
    const store = new FirestoreCorpusStore(db);
    const input = {
      documentId: 'crashed',
      kind: 'knowledge' as const,
      contentHash: 'c1',
      clauses: [{ ...clause(1), clauseId: 'crashed/cl-1', documentId: 'crashed' }],
      model: 'm',
    };
    await store.replaceDocument(input);
    // As a crashed ingest leaves it: the clauses and the document written, the version not moved.
    await db.collection(corpusCollections.documents).doc('crashed').update({ versionPending: true });
    const before = (await store.state()).version;
    const again = await new FirestoreCorpusStore(db).replaceDocument(input);
    expect(again).toMatchObject({ changed: true, version: before + 1 });
    expect((await db.collection(corpusCollections.documents).doc('crashed').get()).get('versionPending')).toBe(false);
    // Delivered once more: now nothing changes.
    expect(await new FirestoreCorpusStore(db).replaceDocument(input)).toMatchObject({
      changed: false,
      version: before + 1,
    });
  });
});
