import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { renderStatusPage } from '../status-page';

// The status page as a person sees it, in headless Chromium (Debian's, installed by .ci/run).
const CHROMIUM = '/usr/bin/chromium';
const OUT = path.join(__dirname, '..', '..', '..', 'test-output');
const NOW = new Date('2026-12-07T10:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const service = (id: string, name: string, status: 'up' | 'degraded' | 'down' | 'impacted', latencyMs: number) => ({
  id,
  name,
  criticality: 'critical' as const,
  status,
  since: at(30),
  latencyMs,
  httpStatus: status === 'down' ? 503 : 200,
  errorClass: status === 'down' ? ('http_status' as const) : ('none' as const),
  impactedBy: status === 'impacted' ? ['billing'] : [],
});

let browser: Browser;
let server: http.Server;
let base: string;

beforeAll(async () => {
  const html = renderStatusPage(
    {
      status: 'partial_outage',
      round: '20261207T0959Z',
      at: at(1),
      durationMs: 812,
      services: [
        service('billing', 'Billing', 'down', 2000),
        service('agent-runtime', 'Agent runtime', 'up', 42),
        service('invoicing', 'Invoicing', 'impacted', 61),
      ],
    },
    [
      {
        id: 'inc-billing-1',
        serviceId: 'billing',
        serviceName: 'Billing',
        status: 'open',
        severity: 'critical',
        openedAt: at(20),
        resolvedAt: null,
        cause: 'http_status',
        impacted: ['invoicing'],
      },
    ],
    NOW,
  );
  server = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  if (needsChromium) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** WCAG relative luminance contrast of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c
      .match(/\d+/g)!
      .slice(0, 3)
      .map((v) => {
        const s = Number(v) / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// CI installs Chromium (.ci/run) and so always runs this; a laptop without it is told how to get it.
const needsChromium = !existsSync(CHROMIUM) && !process.env.CI;
if (needsChromium) console.warn(`status page browser test skipped: no ${CHROMIUM} (apt-get install chromium)`);

(needsChromium ? describe.skip : describe)('the status page in a browser', () => {
  it('shows the overall state, each service in words, the open incident, without JavaScript, accessibly', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/status`);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Partial outage');
    const rows = await page.getByRole('row').allInnerTexts();
    expect(rows.find((r) => r.startsWith('Billing'))).toMatch(/Down/);
    expect(rows.find((r) => r.startsWith('Agent runtime'))).toMatch(/Up/);
    expect(rows.find((r) => r.startsWith('Invoicing'))).toMatch(/Impacted by billing/);
    await expect(page.getByRole('region', { name: 'Open incidents' }).innerText()).resolves.toMatch(
      /Billing critical, since .* \(http_status\); impacts invoicing/,
    );
    // Landmarks, and the state never in colour alone: the banner's text contrasts with its colour.
    for (const role of ['banner', 'main', 'contentinfo'] as const) expect(await page.getByRole(role).count()).toBe(1);
    const banner = await page.getByRole('status').evaluate((el) => {
      // Runs in the page (the project's TypeScript has no DOM library).
      const style = (
        globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }
      ).getComputedStyle(el);
      return { color: style.color, background: style.backgroundColor };
    });
    expect(contrast(banner.color, banner.background)).toBeGreaterThanOrEqual(4.5);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'status-page.png'), fullPage: true });
    await context.close();
  }, 60_000);
});
