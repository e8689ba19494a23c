import { createFirestore } from '@backbone/shared/gcp';
import { corpusCollections, FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { uniqueProjectId } from '@backbone/shared/testing';

// The corpus store on the Firestore emulator: where a document's clauses are kept, and what a
// replacement removes.
const db = createFirestore(uniqueProjectId());
afterAll(() => db.terminate());

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
});
