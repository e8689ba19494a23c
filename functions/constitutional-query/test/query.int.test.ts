import { FieldValue } from '@google-cloud/firestore';
import { systemClock, type Caller } from '@backbone/shared/core';
import { createFirestore, declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { HashingEmbedder } from '@backbone/shared/constitution';
import { FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import {
  captureLogs,
  invokeHttp,
  MemoryAuditLog,
  RecordingEventPublisher,
  StaticAuthenticator,
  uniqueProjectId,
} from '@backbone/shared/testing';
import { ingestSampleCorpus, SAMPLE_CONSTITUTION, SAMPLE_PRECEDENTS } from '../corpus';
import manifest from '../function';
import { makeHandler } from '../handler';
import { DocumentUploadSchema } from '../schema';
import { ConstitutionalQuery } from '../service';

// The sample corpus in the Firestore emulator, searched with findNearest; two function instances.
const db = createFirestore(uniqueProjectId());
const store = new FirestoreCorpusStore(db);
const embedder = new HashingEmbedder(256);
const publisher = new RecordingEventPublisher();
const ingestDeps = { store, embedder, publisher, clock: systemClock, source: 'test' };
const callers: Record<string, Caller> = {
  agent: { kind: 'service', email: 'agent-runtime@p.iam.gserviceaccount.com', subject: '1' },
  governor: { kind: 'user', uid: 'gov', portal: 'PP', tenant: 'platform', roles: ['platform_governor'] },
  admin: { kind: 'user', uid: 'adm', portal: 'PP', tenant: 'platform', roles: ['platform_admin'] },
  industry: { kind: 'user', uid: 'ind', portal: 'PP', tenant: 'platform', roles: ['industry_manager'] },
};
const unsubscribe: (() => void)[] = [];

function instance() {
  const query = new ConstitutionalQuery({
    store,
    embedder,
    clock: systemClock,
    l1Entries: 100,
    l1TtlMs: 60_000,
    l2TtlMs: 3_600_000,
  });
  unsubscribe.push(
    store.watch(
      (s) => query.onCorpusVersion(s.version),
      () => undefined,
    ),
  );
  const handler = makeHandler(
    {
      query,
      store,
      embedder,
      publisher,
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit: new MemoryAuditLog(),
      clock: systemClock,
      source: 'backbone/constitutional-query',
      logger: captureLogs().logger,
    },
    { declared: declaredRoutes(manifest), authenticator: new StaticAuthenticator(callers) },
  );
  const ask = async (body: object, who = 'agent') => {
    const res = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/constitutional/query',
      headers: { authorization: `Bearer ${who}` },
      body,
    });
    return { status: res.status, body: res.json() as Answer };
  };
  const upload = (id: string, body: object, who = 'governor') =>
    invokeHttp(handler, {
      method: 'PUT',
      path: `/v1/constitutional/documents/${id}`,
      headers: { authorization: `Bearer ${who}` },
      body,
    });
  return { ask, upload };
}
interface Answer {
  results: {
    clauseId: string;
    text: string;
    score: number;
    corpusVersion: number;
    source: { kind: string; precedent?: unknown };
  }[];
  corpusVersion: number;
  cache: string;
  code?: string;
}

beforeAll(() => ingestSampleCorpus(ingestDeps));
afterAll(async () => {
  unsubscribe.forEach((u) => u());
  await db.terminate();
});

describe('POST /v1/constitutional/query on the sample corpus', () => {
  const a = instance();

  it.each([
    ['Is an action allowed when no policy mentions it?', 'constitution/art-1/cl-2'],
    ['Can a support agent read customer invoices?', 'precedents/prec-001@v2'],
    ['What happens if nobody answers an approval request?', 'constitution/art-4/cl-3'],
    ['When is an agent suspended?', 'constitution/art-6/cl-1'],
    ['Who can override a Genesis rejection?', 'constitution/art-3/cl-4'],
    ['Can a trial be extended?', 'constitution/art-5/cl-3'],
    ['Can a trial tenant call a production API?', 'constitution/art-5/cl-2'],
    ['How long is customer data kept after the subscription ends?', 'constitution/art-2/cl-4'],
    ['May an agent run in production before Genesis certifies it?', 'constitution/art-3/cl-1'],
  ])('%s -> %s among the top 3', async (question, clauseId) => {
    const { status, body } = await a.ask({ question, topK: 3 });
    expect(status).toBe(200);
    expect(body.results.map((r) => r.clauseId)).toContain(clauseId);
    expect(body.results.every((r) => r.score > 0 && r.score <= 1 && r.corpusVersion >= 1)).toBe(true);
  });

  it('filters by kind and by document, and drops results under minScore', async () => {
    const precedents = (
      await a.ask({ question: 'customer invoices and support staff', filters: { kind: 'precedent' } })
    ).body;
    expect(precedents.results.length).toBeGreaterThan(0);
    expect(precedents.results.every((r) => r.source.kind === 'precedent')).toBe(true);
    const strict = (await a.ask({ question: 'When is an agent suspended?', topK: 10, minScore: 0.4 })).body;
    expect(strict.results.length).toBeGreaterThan(0);
    expect(strict.results.every((r) => r.score >= 0.4)).toBe(true);
  });

  it('never returns a deprecated precedent, even asked in its own words', async () => {
    const { body } = await a.ask({
      question: "A support agent could read a customer's invoices with the customer's verbal consent",
      topK: 20,
    });
    expect(body.results.map((r) => r.clauseId)).not.toContain('precedents/prec-001@v1');
    expect(body.results.map((r) => r.clauseId)).toContain('precedents/prec-001@v2');
  });

  it('reports cache levels truthfully: miss, then L1 here, L2 in another instance', async () => {
    const question = { question: 'Are approvals recorded with the approver and the time?' };
    expect((await a.ask(question)).body.cache).toBe('miss');
    expect((await a.ask(question)).body.cache).toBe('L1');
    const b = instance();
    const fromB = (await b.ask(question)).body;
    expect(fromB.cache).toBe('L2');
    expect(fromB.results).toEqual((await a.ask(question)).body.results);
  });

  it.each([
    ['Can an agent act without approval?', 'Can an agent act with approval?'],
    ['Is a trial extended?', 'Is a trial not extended?'],
    ['May operators read customer data?', 'May operators never read customer data?'],
  ])('never serves "%s" to "%s" from a cache', async (first, opposite) => {
    await a.ask({ question: first });
    expect((await a.ask({ question: first })).body.cache).toBe('L1');
    expect((await a.ask({ question: opposite })).body.cache).toBe('miss');
  });

  it.each([
    ['an empty question', { question: '' }],
    ['a 10 kB question', { question: 'why '.repeat(2560) }],
    ['topK 0', { question: 'deny by default', topK: 0 }],
    ['topK 1000', { question: 'deny by default', topK: 1000 }],
    ['an unknown filter', { question: 'deny by default', filters: { tenant: 'acme' } }],
    ['minScore above 1', { question: 'deny by default', minScore: 2 }],
  ])('refuses %s with a 400 problem', async (_what, body) => {
    const res = await a.ask(body);
    expect([res.status, res.body.code]).toEqual([400, 'REQ-001']);
  });
});

describe('invalidation across instances (000#59)', () => {
  it("drops every instance's L1 and never serves an answer of an older corpus version", async () => {
    const [a, b] = [instance(), instance()];
    const question = { question: 'Who approves an agent action?' };
    await a.ask(question);
    expect((await a.ask(question)).body.cache).toBe('L1');
    expect((await b.ask(question)).body.cache).toBe('L2');
    const before = (await a.ask(question)).body.corpusVersion;

    const amended = `${SAMPLE_CONSTITUTION}\n## Article 8 — Approvers\n\n8.1 Only a named human approver of the customer approves an agent action.\n`;
    const uploaded = await a.upload('constitution', { kind: 'constitution', markdown: amended });
    expect(uploaded.json()).toMatchObject({ changed: true, corpusVersion: before + 1, clauses: 26 });
    expect(publisher.published.at(-1)!.event).toMatchObject({
      type: 'cache.invalidate',
      data: { cache: 'constitution', corpusVersion: before + 1 },
    });
    await new Promise((r) => setTimeout(r, 500)); // the version listeners fire

    for (const inst of [a, b]) {
      const answer = (await inst.ask(question)).body;
      expect(answer.corpusVersion).toBe(before + 1);
      expect(['miss', 'L2']).toContain(answer.cache); // L2 only when the other instance already answered at the new version
    }
    expect(
      (await a.ask({ question: 'Who is the approver of an agent action?', topK: 3 })).body.results[0]!.clauseId,
    ).toBe('constitution/art-8/cl-1');
  });

  it('changes nothing when the same document is uploaded again, and lets only the Governor change the constitution', async () => {
    const a = instance();
    const again = await a.upload('constitution', {
      kind: 'constitution',
      markdown: `${SAMPLE_CONSTITUTION}\n## Article 8 — Approvers\n\n8.1 Only a named human approver of the customer approves an agent action.\n`,
    });
    expect(again.json()).toMatchObject({ changed: false });
    const denied = await a.upload(
      'constitution',
      { kind: 'constitution', markdown: '## Article 1 — X\n\n1.1 Anything goes.' },
      'admin',
    );
    expect([denied.status, (denied.json() as { code: string }).code]).toEqual([403, 'POLICY-001']);
    const empty = await a.upload('constitution', { kind: 'constitution', markdown: 'no articles here' });
    expect([empty.status, (empty.json() as { code: string }).code]).toEqual([400, 'REQ-001']);
    const badSeed = await a.upload('precedents', {
      kind: 'precedent',
      seed: { precedents: [{ seedId: 'x' }] },
    });
    expect(badSeed.status).toBe(400);
  });
});

describe('PUT /v1/constitutional/documents/{id}: a document keeps its kind', () => {
  const a = instance();
  const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;
  const constitutionClauses = async () =>
    (await db.collection('constitution_chunks').where('documentId', '==', 'constitution').get()).size;

  it('refuses an Industry Manager who uploads "knowledge" over the constitution or the precedents', async () => {
    const before = await constitutionClauses();
    for (const id of ['constitution', 'precedents']) {
      const res = await a.upload(id, { kind: 'knowledge', text: 'Everything is allowed.' }, 'industry');
      expect([res.status, code(res)]).toEqual([403, 'POLICY-001']);
    }
    expect(await constitutionClauses()).toBe(before);
    const { body } = await a.ask({ question: 'Is an action allowed when no policy mentions it?', topK: 3 });
    expect(body.results.map((r) => r.clauseId)).toContain('constitution/art-1/cl-2');
  });

  it('decides on the stored kind for documents written before the kind was recorded', async () => {
    await db.collection('constitution_documents').doc('precedents').update({ kind: FieldValue.delete() });
    const res = await a.upload(
      'precedents',
      { kind: 'knowledge', text: 'Nothing in the precedents applies any more.' },
      'industry',
    );
    expect([res.status, code(res)]).toEqual([403, 'POLICY-001']);
  });

  it("answers 409 when even a governor would change a document's kind, and changes nothing", async () => {
    const before = await constitutionClauses();
    const res = await a.upload(
      'constitution',
      { kind: 'knowledge', text: 'The constitution is replaced by this paragraph.' },
      'governor',
    );
    expect([res.status, code(res)]).toEqual([409, 'REQ-008']);
    expect(await constitutionClauses()).toBe(before);
  });

  it('lets an Industry Manager curate knowledge, and keeps that id knowledge', async () => {
    const made = await a.upload(
      'kb-returns',
      { kind: 'knowledge', text: 'Returns are accepted for 30 days.' },
      'industry',
    );
    expect(made.status).toBe(200);
    const again = await a.upload(
      'kb-returns',
      { kind: 'knowledge', text: 'Returns are accepted for 45 days.' },
      'industry',
    );
    expect(again.status).toBe(200);
    const hijack = await a.upload(
      'kb-returns',
      { kind: 'constitution', markdown: '## Article 1 — All\n\n1.1 Anything goes.' },
      'governor',
    );
    expect([hijack.status, code(hijack)]).toEqual([409, 'REQ-008']);
    // An Industry Manager cannot create policy under a new id either.
    const policy = await a.upload(
      'new-rules',
      { kind: 'constitution', markdown: '## Article 1 — X\n\n1.1 Y.' },
      'industry',
    );
    expect([policy.status, code(policy)]).toEqual([403, 'POLICY-001']);
  });
});

describe('PUT /v1/constitutional/documents/{id}: no PII in the constitution or precedents (hardening 12)', () => {
  const a = instance();
  const clauses = async () =>
    (await db.collection('constitution_chunks').where('documentId', '==', 'constitution').get()).size;

  it('accepts the sample corpus as it is', () => {
    expect(DocumentUploadSchema.safeParse({ kind: 'constitution', markdown: SAMPLE_CONSTITUTION }).success).toBe(true);
    expect(DocumentUploadSchema.safeParse({ kind: 'precedent', seed: SAMPLE_PRECEDENTS }).success).toBe(true);
  });

  it('refuses a constitution holding an e-mail and a phone with a 400 naming the kinds, not the values', async () => {
    const before = await clauses();
    const res = await a.upload('constitution', {
      kind: 'constitution',
      markdown: `${SAMPLE_CONSTITUTION}\n\nComplaints: asha.rao@example.com or +91 98765 43210.`,
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.json());
    expect(text).toContain('EMAIL ×1');
    expect(text).toContain('PHONE ×1');
    expect(text).not.toContain('asha.rao');
    expect(await clauses()).toBe(before);
  });

  it('refuses precedents whose text holds a card number, wherever it sits in the seed', async () => {
    const seed = JSON.parse(JSON.stringify(SAMPLE_PRECEDENTS)) as { precedents: { text: string }[] };
    seed.precedents[0]!.text = 'Refund to card 4111 1111 1111 1111 was approved.';
    const res = await a.upload('precedents', { kind: 'precedent', seed });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json())).toContain('CARD ×1');
  });
});
