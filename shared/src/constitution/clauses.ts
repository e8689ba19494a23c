import { createHash } from 'node:crypto';
import { z } from 'zod';

export const CORPUS_KINDS = ['constitution', 'precedent', 'knowledge'] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

/** One retrievable unit of the corpus, with an id that stays put while its text does. */
export interface Clause {
  clauseId: string;
  documentId: string;
  kind: CorpusKind;
  title: string;
  text: string;
  /** Precedents: from the seed (000#40). */
  precedent?: {
    seedId: string;
    version: number;
    author: string;
    created: string;
    deprecatesAt: string | null;
  };
}

/**
 * A constitution in Markdown: `## Article N — Title` opens article N and lines starting `N.M`
 * open clause M. Clause ids are `<doc>/art-N/cl-M`, stable across edits of other clauses. An
 * article without numbered clauses is one clause, `<doc>/art-N`.
 */
export function splitConstitution(documentId: string, markdown: string): Clause[] {
  const clauses: Clause[] = [];
  let article: { n: string; title: string; lead: string[] } | undefined;
  let current: Clause | undefined;
  const flushArticle = () => {
    if (
      article &&
      !clauses.some((c) => c.clauseId.startsWith(`${documentId}/art-${article!.n}/`)) &&
      article.lead.length > 0
    )
      clauses.push({
        clauseId: `${documentId}/art-${article.n}`,
        documentId,
        kind: 'constitution',
        title: `Article ${article.n}: ${article.title}`,
        text: article.lead.join(' ').trim(),
      });
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    const heading = /^##\s+Article\s+(\d+)\s*[—–:-]?\s*(.*)$/i.exec(line);
    if (heading) {
      flushArticle();
      article = { n: heading[1]!, title: heading[2]!.trim(), lead: [] };
      current = undefined;
      continue;
    }
    if (!article) continue;
    const clause = /^(\d+)\.(\d+)\.?\s+(.*)$/.exec(line);
    if (clause && clause[1] === article.n) {
      current = {
        clauseId: `${documentId}/art-${article.n}/cl-${clause[2]}`,
        documentId,
        kind: 'constitution',
        title: `Article ${article.n}: ${article.title}`,
        text: clause[3]!,
      };
      clauses.push(current);
    } else if (line) {
      if (current) current.text += ` ${line}`;
      else article.lead.push(line);
    } else current = undefined;
  }
  flushArticle();
  return clauses;
}

export const PrecedentSeedSchema = z.object({
  precedents: z
    .array(
      z
        .object({
          seedId: z.string().regex(/^[a-z0-9-]{1,64}$/),
          version: z.number().int().positive(),
          author: z.string().min(1).max(128),
          created: z.iso.datetime({ offset: true }),
          deprecatesAt: z.iso.datetime({ offset: true }).nullable(),
          title: z.string().min(1).max(200),
          text: z.string().min(1).max(8000),
        })
        .strict(),
    )
    .max(5000),
});

/** Precedents (000#40): one clause per seed version, `precedent/<seedId>@v<version>`. */
export function splitPrecedents(documentId: string, seed: z.infer<typeof PrecedentSeedSchema>): Clause[] {
  return seed.precedents.map(({ title, text, ...meta }) => ({
    clauseId: `${documentId}/${meta.seedId}@v${meta.version}`,
    documentId,
    kind: 'precedent',
    title,
    text,
    precedent: meta,
  }));
}

/** Any other text (scraped knowledge): a clause per paragraph, id from the paragraph's own hash. */
export function splitParagraphs(documentId: string, text: string): Clause[] {
  const seen = new Set<string>();
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length >= 20)
    .flatMap((p) => {
      const id = `${documentId}/p-${createHash('sha256').update(p).digest('hex').slice(0, 12)}`;
      if (seen.has(id)) return [];
      seen.add(id);
      return [{ clauseId: id, documentId, kind: 'knowledge' as const, title: documentId, text: p }];
    });
}
