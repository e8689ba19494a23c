/**
 * The controlled vocabulary of agent specialties (000#33): one canonical id per specialty, with the
 * labels people actually type mapped onto it, so "Content Writing" and "Content Creation" are one
 * filter value. A specialty is added here, never invented by a caller.
 */
export const SPECIALTIES = [
  {
    id: 'content-creation',
    label: 'Content Creation',
    synonyms: ['content writing', 'copywriting', 'blog writing', 'content production'],
  },
  {
    id: 'customer-support',
    label: 'Customer Support',
    synonyms: ['customer service', 'customer care', 'helpdesk', 'help desk', 'support desk'],
  },
  {
    id: 'data-analysis',
    label: 'Data Analysis',
    synonyms: ['data analytics', 'analytics', 'business intelligence', 'reporting'],
  },
  {
    id: 'financial-compliance',
    label: 'Financial Compliance',
    synonyms: ['regulatory compliance', 'compliance', 'kyc', 'aml', 'anti money laundering'],
  },
  { id: 'finance-accounting', label: 'Finance and Accounting', synonyms: ['accounting', 'bookkeeping', 'invoicing'] },
  {
    id: 'human-resources',
    label: 'Human Resources',
    synonyms: ['hr', 'recruiting', 'recruitment', 'talent acquisition'],
  },
  { id: 'legal', label: 'Legal', synonyms: ['contract review', 'legal research', 'legal drafting'] },
  { id: 'marketing', label: 'Marketing', synonyms: ['digital marketing', 'seo', 'social media marketing'] },
  { id: 'research', label: 'Research', synonyms: ['market research', 'desk research'] },
  { id: 'sales', label: 'Sales', synonyms: ['lead generation', 'sales outreach', 'business development'] },
  {
    id: 'software-engineering',
    label: 'Software Engineering',
    synonyms: ['software development', 'coding', 'programming', 'devops'],
  },
  { id: 'translation', label: 'Translation', synonyms: ['localization', 'localisation'] },
] as const;

export type SpecialtyId = (typeof SPECIALTIES)[number]['id'];
export const SPECIALTY_IDS = SPECIALTIES.map((s) => s.id) as [SpecialtyId, ...SpecialtyId[]];

/** Case, accents, punctuation and "&" folded away: "Content-Writing " and "content writing" are one key. */
export function specialtyKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, SpecialtyId>(
  SPECIALTIES.flatMap((s) => [s.id, s.label, ...s.synonyms].map((name) => [specialtyKey(name), s.id] as const)),
);

export type SpecialtyMatch = { id: SpecialtyId } | { suggestions: SpecialtyId[] };

/** The canonical id of what a caller wrote, or up to three nearest specialties to suggest. */
export function resolveSpecialty(text: string): SpecialtyMatch {
  const key = specialtyKey(text);
  const id = BY_KEY.get(key);
  if (id) return { id };
  const scored = new Map<SpecialtyId, number>();
  for (const [name, candidate] of BY_KEY) {
    const score = similarity(key, name);
    if (score > (scored.get(candidate) ?? 0)) scored.set(candidate, score);
  }
  const suggestions = [...scored]
    .filter(([, score]) => score >= 0.3)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([candidate]) => candidate);
  return { suggestions };
}

/** Dice's coefficient over character bigrams, with a bonus for a shared whole word. */
function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const [gram, count] of ga) shared += Math.min(count, gb.get(gram) ?? 0);
  const total = Math.max(1, a.length - 1 + (b.length - 1));
  const words = new Set(b.split(' '));
  const sharedWord = a.split(' ').some((w) => w.length > 2 && words.has(w));
  return (2 * shared) / total + (sharedWord ? 0.25 : 0);
}
