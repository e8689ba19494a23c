import { Storage } from '@google-cloud/storage';
import { systemClock } from '@backbone/shared/core';
import { GcsBlobWriter } from '@backbone/shared/gcp';
import { HashingEmbedder } from '@backbone/shared/constitution';
import { corpusCollections, FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { GcsBlobReader } from '../adapters/gcs-blob-reader';
import {
  captureLogs,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  RecordingEventPublisher,
  emulatorFirestore,
  uniqueProjectId,
} from '@backbone/shared/testing';
import { makeHandler } from '../handler';

// The scraper's page text in the Storage emulator becomes clauses in the Firestore emulator.
const project = uniqueProjectId();
const db = emulatorFirestore(project);
const bucket = new Storage({ projectId: project }).bucket(`${project}-scraped-content`);
const publisher = new RecordingEventPublisher();
const failures = new MemoryFailureRecorder();
const handler = makeHandler({
  blobs: new GcsBlobReader(bucket),
  store: new FirestoreCorpusStore(db),
  embedder: new HashingEmbedder(256),
  publisher,
  failures,
  clock: systemClock,
  source: 'backbone/constitution-ingest',
  logger: captureLogs().logger,
});
const updated = (object: string, id = 'e1') =>
  pubsubCloudEvent({
    specversion: '1.0',
    id,
    type: 'knowledge.source_updated',
    source: 'backbone/scraping-worker',
    time: new Date().toISOString(),
    subject: 'finance-kyc',
    dataversion: '1',
    data: {
      sourceId: 'finance-kyc',
      industry: 'finance',
      url: 'https://x',
      version: 1,
      hash: 'a'.repeat(64),
      object,
      bytes: 10,
      runId: 'r',
    },
  });

describe('constitution-ingest', () => {
  it('indexes a scraped page once, and announces the new corpus version', async () => {
    const object = 'sources/finance-kyc/v1-aaaaaaaaaaaaaaaa.txt';
    await new GcsBlobWriter(bucket).writeOnce(
      object,
      'KYC RULES\n\nBanks must verify PAN and Aadhaar before opening an account.\n\nRecords are kept for five years after the account closes.',
      'text/plain',
    );
    await handler(updated(object));
    const chunks = await db
      .collection(corpusCollections.chunks)
      .where('documentId', '==', 'knowledge-finance-kyc')
      .get();
    expect(chunks.docs.map((d) => d.get('text')).sort()).toEqual([
      'Banks must verify PAN and Aadhaar before opening an account.',
      'Records are kept for five years after the account closes.',
    ]);
    expect(
      publisher.published.map((p) => [
        p.topic,
        p.event.type,
        (p.event.data as { corpusVersion: number }).corpusVersion,
      ]),
    ).toEqual([['cache-invalidations', 'cache.invalidate', 1]]);

    await handler(updated(object, 'e1-redelivered'));
    expect(publisher.published).toHaveLength(1); // same content: no new version
    expect((await new FirestoreCorpusStore(db).state()).version).toBe(1);
  });

  it('dead-letters an event that is not a source update it can read', async () => {
    await handler(
      pubsubCloudEvent({
        specversion: '1.0',
        id: 'bad',
        type: 'knowledge.source_updated',
        source: 's',
        time: new Date().toISOString(),
        subject: 'x',
        data: { sourceId: 'x' },
      }),
    );
    expect([...failures.letters.values()].map((f) => f.code)).toEqual(['EVENT-001']);
  });
});
