import {
  HashingEmbedder,
  PrecedentSeedSchema,
  splitConstitution,
  splitParagraphs,
  splitPrecedents,
} from '@backbone/shared/constitution';
import { VertexAiEmbedder } from '@backbone/shared/constitution/gcp';
import { normalizeQuestion, queryKey } from '../../functions/constitutional-query/normalize';

const MD = `# Constitution

## Article 1 — Deny by default

1.1 Every action is denied unless a policy permits it.

1.2 Silence is never permission,
even when nobody objects.

## Article 2: Preamble only

This article has no numbered clauses.
`;

describe('splitting the corpus', () => {
  it('gives each constitution clause a stable id from its article and number', () => {
    expect(splitConstitution('constitution', MD)).toEqual([
      expect.objectContaining({
        clauseId: 'constitution/art-1/cl-1',
        title: 'Article 1: Deny by default',
        text: 'Every action is denied unless a policy permits it.',
      }),
      expect.objectContaining({
        clauseId: 'constitution/art-1/cl-2',
        text: 'Silence is never permission, even when nobody objects.',
      }),
      expect.objectContaining({
        clauseId: 'constitution/art-2',
        text: 'This article has no numbered clauses.',
      }),
    ]);
    const edited = MD.replace('1.1 Every action is denied', '1.1 Each and every action is denied');
    expect(splitConstitution('constitution', edited).map((c) => c.clauseId)).toEqual(
      splitConstitution('constitution', MD).map((c) => c.clauseId),
    );
  });

  it('keys precedents by seed and version, with their metadata (000#40)', () => {
    const seed = PrecedentSeedSchema.parse({
      precedents: [
        {
          seedId: 'p-1',
          version: 3,
          author: 'gov',
          created: '2026-01-01T00:00:00Z',
          deprecatesAt: null,
          title: 'T',
          text: 'X',
        },
      ],
    });
    expect(splitPrecedents('precedents', seed)).toEqual([
      {
        clauseId: 'precedents/p-1@v3',
        documentId: 'precedents',
        kind: 'precedent',
        title: 'T',
        text: 'X',
        precedent: {
          seedId: 'p-1',
          version: 3,
          author: 'gov',
          created: '2026-01-01T00:00:00Z',
          deprecatesAt: null,
        },
      },
    ]);
  });

  it('gives a paragraph the same id wherever it moves in a page', () => {
    const a = splitParagraphs('k', 'First paragraph of the page text.\n\nSecond paragraph of the page text.');
    const b = splitParagraphs('k', 'A new opening paragraph appears here.\n\nFirst paragraph of the page text.');
    expect(b.map((c) => c.clauseId)).toContain(a[0]!.clauseId);
  });
});

describe('cache keys', () => {
  it('are equal for the same question written differently', () => {
    const base = { topK: 5, minScore: 0, filters: {} };
    expect(normalizeQuestion('  Can an agent  ACT without approval?? ')).toBe('can an agent act without approval');
    expect(queryKey({ ...base, question: 'Can an agent act without approval?' })).toBe(
      queryKey({ ...base, question: 'can an agent act   without approval' }),
    );
  });

  it.each([
    ['Can an agent act without approval?', 'Can an agent act with approval?'],
    ['Is a trial extended?', 'Is a trial not extended?'],
    ['May operators read customer data?', 'May operators never read customer data?'],
  ])('never equal for a question and its opposite: %s / %s', (a, b) => {
    const base = { topK: 5, minScore: 0, filters: {} };
    expect(queryKey({ ...base, question: a })).not.toBe(queryKey({ ...base, question: b }));
  });

  it('differ by every parameter that shapes the answer', () => {
    const q = { question: 'x', topK: 5, minScore: 0, filters: {} };
    const keys = new Set([
      queryKey(q),
      queryKey({ ...q, topK: 6 }),
      queryKey({ ...q, minScore: 0.1 }),
      queryKey({ ...q, filters: { kind: 'precedent' } }),
    ]);
    expect(keys.size).toBe(4);
  });
});

describe('HashingEmbedder', () => {
  it('is deterministic, unit length, and ranks shared vocabulary above none', async () => {
    const e = new HashingEmbedder(256);
    const [a, a2, related, unrelated] = await e.embed(
      [
        'When is an agent suspended?',
        'When is an agent suspended?',
        'An agent is suspended when it violates the rules.',
        'Invoices are paid monthly.',
      ],
      'query',
    );
    expect(a).toEqual(a2);
    expect(a).toHaveLength(256);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 9);
    const cos = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(cos(a!, related!)).toBeGreaterThan(0.3);
    expect(cos(a!, related!)).toBeGreaterThan(cos(a!, unrelated!) + 0.2);
  });
});

describe('VertexAiEmbedder (production adapter; the fetch double records what was sent)', () => {
  function fakeFetch(answer: { status: number; body: unknown }) {
    const sent: { url: string; init: { headers: Record<string, string>; body: string } }[] = [];
    const fetch = async (url: string, init: { method: string; headers: Record<string, string>; body: string }) => {
      sent.push({ url, init });
      return {
        ok: answer.status < 300,
        status: answer.status,
        json: async () => answer.body,
        text: async () => JSON.stringify(answer.body),
      };
    };
    return { sent, fetch };
  }
  const options = {
    projectId: 'backbone-prod',
    location: 'asia-south1',
    model: 'text-embedding-005',
    dimensions: 3,
    accessToken: async () => 'tok',
  };

  it('asks the model for the task type and size, and returns unit vectors', async () => {
    const { sent, fetch } = fakeFetch({
      status: 200,
      body: { predictions: [{ embeddings: { values: [3, 0, 4] } }] },
    });
    const embedder = new VertexAiEmbedder({ ...options, fetch });
    expect(await embedder.embed(['what is deny by default?'], 'query')).toEqual([[0.6, 0, 0.8]]);
    expect(sent[0]!.url).toBe(
      'https://asia-south1-aiplatform.googleapis.com/v1/projects/backbone-prod/locations/asia-south1/publishers/google/models/text-embedding-005:predict',
    );
    expect(sent[0]!.init.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(sent[0]!.init.body)).toEqual({
      instances: [{ content: 'what is deny by default?', task_type: 'RETRIEVAL_QUERY' }],
      parameters: { outputDimensionality: 3, autoTruncate: true },
    });
    expect(embedder.model).toBe('vertex/text-embedding-005@3');
  });

  it('reports quota and server errors as transient, and refuses embeddings of the wrong size', async () => {
    await expect(
      new VertexAiEmbedder({
        ...options,
        fetch: fakeFetch({ status: 429, body: { error: 'quota' } }).fetch,
      }).embed(['x'], 'document'),
    ).rejects.toMatchObject({ code: 'SYS-002' });
    await expect(
      new VertexAiEmbedder({
        ...options,
        fetch: fakeFetch({ status: 200, body: { predictions: [{ embeddings: { values: [1, 2] } }] } }).fetch,
      }).embed(['x'], 'document'),
    ).rejects.toThrow(/wrong size/);
  });
});
