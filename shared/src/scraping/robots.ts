import robotsParser from 'robots-parser';

/** Backbone's crawler, as robots.txt files name it. */
export const SCRAPER_AGENT = 'BackboneBot';
export const SCRAPER_USER_AGENT = `${SCRAPER_AGENT}/1.0 (+https://backbone.example.com/bot)`;

/** What a host's robots.txt says to Backbone's user agent. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** The host's `Crawl-delay` for us, in ms (0 when none). */
  crawlDelayMs: number;
}

/** RFC 9309: a robots.txt body as rules for our agent (its own group first, else `*`). */
export function robotsRules(robotsUrl: string, text: string): RobotsRules {
  const robots = robotsParser(robotsUrl, text);
  const delay = robots.getCrawlDelay(SCRAPER_AGENT);
  return {
    // robots-parser answers undefined for a URL of another origin: never ours to fetch then.
    isAllowed: (url) => robots.isAllowed(url, SCRAPER_AGENT) === true,
    crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay, 60) * 1000 : 0,
  };
}

/** RFC 9309 §2.3.1: no robots.txt (4xx) allows everything. */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: 0 };
/** RFC 9309 §2.3.1.4: an unreachable robots.txt (5xx, network) means assume complete disallow. */
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelayMs: 0 };
