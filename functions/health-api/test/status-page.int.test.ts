import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { captureLogs, invokeHttp, ManualClock, MemoryAuditLog, MemoryHealthStore } from '@backbone/shared/testing';
import { makeHandler } from '../handler';

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

// CI installs Chromium (.ci/run) and so always runs this; a laptop without it is told how to get it.
const needsChromium = !existsSync(CHROMIUM) && !process.env.CI;
if (needsChromium) console.warn(`status page browser test skipped: no ${CHROMIUM} (apt-get install chromium)`);

let browser: Browser;
let server: http.Server;
let base: string;

/** The health-api handler over a memory store holding a week of checks, with billing down for 2 hours. */
async function healthApi() {
  const store = new MemoryHealthStore();
  const writer = store.sampleWriter();
  for (let m = 7 * 24 * 60; m >= 0; m -= 30)
    for (const [id, latency] of [
      ['billing', 80],
      ['agent-runtime', 40],
      ['invoicing', 60],
    ] as const) {
      const down = id === 'billing' && m <= 120;
      writer.add({
        serviceId: id,
        round: `r${m}`,
        at: at(m),
        ok: !down,
        slow: false,
        httpStatus: down ? 503 : 200,
        latencyMs: down ? 2000 : latency + (m % 7),
        errorClass: down ? 'http_status' : 'none',
        expireAt: NOW,
      });
    }
  await writer.close();
  store.snapshot = {
    status: 'partial_outage',
    round: '20261207T0959Z',
    at: at(1),
    durationMs: 812,
    services: [
      service('billing', 'Billing', 'down', 2000),
      service('agent-runtime', 'Agent runtime', 'up', 42),
      service('invoicing', 'Invoicing', 'impacted', 61),
    ],
  };
  store.incidents.set('inc-billing-1', {
    id: 'inc-billing-1',
    serviceId: 'billing',
    serviceName: 'Billing',
    status: 'open',
    severity: 'critical',
    openedAt: at(120),
    resolvedAt: null,
    cause: 'http_status',
    impacted: ['invoicing'],
  });
  return makeHandler({
    store,
    clock: new ManualClock(NOW),
    logger: captureLogs().logger,
    holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
    audit: new MemoryAuditLog(),
    source: 'backbone/health-api',
  });
}

beforeAll(async () => {
  const handler = await healthApi();
  server = http.createServer((req, res) => {
    void invokeHttp(handler, { path: req.url ?? '/' }).then((answer) =>
      res.writeHead(answer.status, { 'content-type': answer.headers['content-type'] ?? 'text/html' }).end(answer.text),
    );
  });
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
    // Each service's uptime as bars with their own text: billing's 2 hours down show in both.
    const bars = await page.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(bars).toContain('Agent runtime, last 24 hours: 100.00% up');
    // A check every 30 min: the 24 hourly segments hold 47 checks (11:00 yesterday to 10:00), 5 of
    // them down, 42/47; the 7 daily segments (1 to 7 December) 309 checks, 304 up.
    expect(bars).toContain('Billing, last 24 hours: 89.36% up');
    expect(bars).toContain('Billing, last 7 days: 98.38% up');
    expect(bars.find((b) => b?.startsWith('Agent runtime mean latency'))).toMatch(/\d+–\d+ ms/);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'status-page.png'), fullPage: true });

    // The incident's own page, from its link: the timeline in order.
    await page.getByRole('link', { name: 'Billing' }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Incident: Billing');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Ongoing, 120 minutes so far.');
    const timeline = await page.getByRole('listitem').allInnerTexts();
    expect(timeline.map((t) => t.replace(/^\S+ /, ''))).toEqual([
      'Opened: Billing critical, cause http_status.',
      'Impacts invoicing (they depend on it).',
      'Ongoing: the platform checks the service every minute.',
    ]);
    await page.screenshot({ path: path.join(OUT, 'incident-page.png'), fullPage: true });
    await context.close();
  }, 60_000);
});
