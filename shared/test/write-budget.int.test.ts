import { labelWrites, recordWrites, emulatorFirestore, writeBudget } from '@backbone/shared/testing';

const db = emulatorFirestore();

describe('write budget recorder (issue 13 item 3)', () => {
  it('finds the hottest document and a collection written under rising keys, per label', async () => {
    recordWrites();
    labelWrites('hot');
    for (let i = 0; i < 20; i++) await db.collection('counters').doc('one').set({ n: i });
    await db.runTransaction(async (tx) => tx.set(db.collection('counters').doc('one'), { n: 99 }));
    labelWrites('rising');
    for (let i = 0; i < 60; i++) await db.collection('log').doc(String(i).padStart(6, '0')).create({ i });
    labelWrites('parents');
    // Rising ids under two parents, interleaved: two key ranges of 30 writes each, not one of 60.
    for (let i = 0; i < 60; i++)
      await db
        .collection('runs')
        .doc(i % 2 ? 'run-b' : 'run-a')
        .collection('steps')
        .doc(String(i).padStart(6, '0'))
        .create({ i });
    for (let i = 60; i < 120; i++)
      await db.collection('runs').doc('run-a').collection('steps').doc(String(i).padStart(6, '0')).create({ i });
    labelWrites('spread');
    const batch = db.batch();
    for (let i = 0; i < 60; i++) batch.create(db.collection('spread').doc(), { i });
    await batch.commit();

    const rows = new Map(writeBudget().map((r) => [r.label, r]));
    // 21 writes to one document (20 sets and a transaction) within 10 s: at least 2.1 a second.
    expect(rows.get('hot')).toMatchObject({ writes: 21, hottestDocument: { path: 'counters/one' } });
    expect(rows.get('hot')!.hottestDocument.perSecond).toBeCloseTo(2.1, 5);
    expect(rows.get('rising')!.risingKeys).toMatchObject({ collection: 'log', risingShare: 1 });
    // run-a: 30 interleaved, then 60 more, all rising; run-b's 30 are under the 50 looked at.
    expect(rows.get('parents')!.risingKeys).toMatchObject({ collection: 'runs/*/steps', risingShare: 1 });
    expect(rows.get('parents')!.risingKeys!.perSecond).toBeCloseTo(9, 5);
    expect(rows.get('spread')!.risingKeys).toBeUndefined();
    expect(rows.get('spread')!.hottestDocument.perSecond).toBeCloseTo(0.1, 5);
  });
});
