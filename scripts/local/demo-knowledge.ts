import http from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { newSource } from '@backbone/shared/scraping';
import { FirestoreScrapeStore } from '@backbone/shared/scraping/gcp';

export const KNOWLEDGE_SITE_PORT = 8020;

const PAGES: Record<string, string> = {
  '/retail/returns': '<h1>Retail returns policy</h1><p>Customers may return goods within 30 days with a receipt.</p>',
  '/finance/kyc': '<h1>KYC rules</h1><p>Banks must verify PAN and Aadhaar before opening an account.</p>',
  '/health/consent': '<h1>Patient consent</h1><p>Records are shared only with explicit, logged consent.</p>',
  '/drafts/unpublished': '<h1>Draft</h1><p>Not for crawlers.</p>',
};

/**
 * A local site with knowledge pages for `npm start`: robots.txt keeps crawlers out of /drafts/,
 * /news changes on every fetch, /busy answers 429 with Retry-After every other time.
 */
export async function startKnowledgeSite(): Promise<{ origin: string; close(): Promise<void> }> {
  let busy = 0;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><body>${body}</body></html>`);
    };
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('User-agent: *\nDisallow: /drafts/\nCrawl-delay: 1\n');
    }
    if (path === '/news') return html(`<h1>Regulatory news</h1><p>Updated ${new Date().toISOString()}</p>`);
    if (path === '/busy') {
      if (busy++ % 2 === 0) {
        res.writeHead(429, { 'retry-after': '2' });
        return res.end();
      }
      return html('<h1>Busy regulator</h1><p>Circular 12/2026.</p>');
    }
    const page = PAGES[path];
    if (page) return html(page);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(KNOWLEDGE_SITE_PORT, '127.0.0.1', resolve),
  );
  return {
    origin: `http://127.0.0.1:${KNOWLEDGE_SITE_PORT}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Knowledge sources on the demo site: four fetchable, one disallowed by robots.txt, one gone. */
export async function seedKnowledgeSources(db: Firestore, origin: string): Promise<void> {
  const store = new FirestoreScrapeStore(db);
  const sources: [string, string, string][] = [
    ['retail-returns', '/retail/returns', 'retail'],
    ['finance-kyc', '/finance/kyc', 'finance'],
    ['health-consent', '/health/consent', 'healthcare'],
    ['regulatory-news', '/news', 'finance'],
    ['busy-regulator', '/busy', 'finance'],
    ['draft-page', '/drafts/unpublished', 'retail'],
    ['retired-page', '/retired', 'retail'],
  ];
  for (const [id, path, industry] of sources) {
    if (await store.source(id)) continue;
    await store.putSource(newSource({ id, url: `${origin}${path}`, industry }));
  }
}
