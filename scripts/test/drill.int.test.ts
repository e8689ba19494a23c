import { GeoPoint, Timestamp } from '@google-cloud/firestore';
import { emulatorFirestore } from '@backbone/shared/testing';
import { exportDatabase, importDatabase, wipeDatabase } from '../drill/snapshot';
import { invariantsOf } from '../drill/invariants';
import { seedDrillState } from '../drill/seed';

// The drill's parts on the Firestore emulator: an export and a restore keep every type and every
// invariant; a restore that lost or changed a record is caught by the invariants.
const db = emulatorFirestore();

describe('restore drill (000#49)', () => {
  it('exports, wipes and restores with every Firestore type and invariant intact; a loss is caught', async () => {
    await seedDrillState(db);
    await db.doc('drill_types/one').set({
      at: Timestamp.fromMillis(1_700_000_000_123),
      where: new GeoPoint(12.97, 77.59),
      ref: db.doc('tenants/acme'),
      bytes: Buffer.from([0, 1, 254, 255]),
      nested: { list: [1, 'two', { three: null }], float: 1.5 },
    });
    await db.doc('drill_types/one/sub/child').set({ n: 1 });
    const before = await invariantsOf(db);
    expect(before.audit).toMatchObject({ records: 150, head: 150, intact: true });
    expect(before.billing.documents).toBeGreaterThan(0);
    const docs = await exportDatabase(db);

    await wipeDatabase(db);
    expect(await db.listCollections()).toEqual([]);
    await importDatabase(db, docs);
    expect(await invariantsOf(db)).toEqual(before);
    const one = (await db.doc('drill_types/one').get()).data()!;
    expect(one.at).toEqual(Timestamp.fromMillis(1_700_000_000_123));
    expect(one.where).toEqual(new GeoPoint(12.97, 77.59));
    expect(one.ref.path).toBe('tenants/acme');
    expect(Buffer.from(one.bytes)).toEqual(Buffer.from([0, 1, 254, 255]));
    expect((await db.doc('drill_types/one/sub/child').get()).get('n')).toBe(1);

    // A restore that lost one billing record, or an audit tile, does not pass.
    await wipeDatabase(db);
    await importDatabase(
      db,
      docs.filter((d) => !d.path.startsWith('billing_invoices/') && !d.path.startsWith('audit_log/000000000051')),
    );
    const after = await invariantsOf(db);
    expect(after.billing).not.toEqual(before.billing);
    expect(after.audit.intact).toBe(false);
  }, 60_000);
});
