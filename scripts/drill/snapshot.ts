import {
  DocumentReference,
  GeoPoint,
  Timestamp,
  type DocumentData,
  type Firestore,
  type CollectionReference,
} from '@google-cloud/firestore';

/** One document as exported: its full path and its fields, every Firestore type tagged. */
export interface ExportedDocument {
  path: string;
  data: unknown;
}

/** Firestore values as JSON that comes back as the same types (timestamps, references, bytes, points). */
export function encode(value: unknown): unknown {
  if (value instanceof Timestamp) return { $ts: [value.seconds, value.nanoseconds] };
  if (value instanceof DocumentReference) return { $ref: value.path };
  if (value instanceof GeoPoint) return { $geo: [value.latitude, value.longitude] };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

export function decode(db: Firestore, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => decode(db, v));
  if (value && typeof value === 'object') {
    const tagged = value as Record<string, unknown>;
    const keys = Object.keys(tagged);
    if (keys.length === 1) {
      const [s, ns] = (tagged.$ts as [number, number] | undefined) ?? [];
      if (keys[0] === '$ts') return new Timestamp(s!, ns!);
      if (keys[0] === '$ref') return db.doc(tagged.$ref as string);
      if (keys[0] === '$geo') return new GeoPoint(...(tagged.$geo as [number, number]));
      if (keys[0] === '$bytes') return Buffer.from(tagged.$bytes as string, 'base64');
    }
    return Object.fromEntries(Object.entries(tagged).map(([k, v]) => [k, decode(db, v)]));
  }
  return value;
}

/** Every document of the database, subcollections included, in path order. */
export async function exportDatabase(db: Firestore): Promise<ExportedDocument[]> {
  const out: ExportedDocument[] = [];
  const walk = async (collections: CollectionReference[]) => {
    for (const collection of collections) {
      // listDocuments also finds documents that exist only as parents of subcollections.
      for (const ref of await collection.listDocuments()) {
        const snap = await ref.get();
        if (snap.exists) out.push({ path: ref.path, data: encode(snap.data()) });
        await walk(await ref.listCollections());
      }
    }
  };
  await walk(await db.listCollections());
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Deletes every document of the database (what a lost or corrupted database leaves: nothing). */
export async function wipeDatabase(db: Firestore): Promise<void> {
  for (const collection of await db.listCollections()) await db.recursiveDelete(collection);
}

/** Writes the exported documents back, in parallel batches. */
export async function importDatabase(db: Firestore, docs: ExportedDocument[]): Promise<void> {
  const writer = db.bulkWriter();
  for (const doc of docs) void writer.set(db.doc(doc.path), decode(db, doc.data) as DocumentData);
  await writer.close();
}
