/** What one polite GET of a page came to. */
export type FetchOutcome =
  | {
      kind: 'ok';
      status: number;
      body: Buffer;
      /** The body was cut at `truncateAt`. */
      truncated?: boolean;
      contentType: string;
      etag?: string;
      lastModified?: string;
      finalUrl: string;
    }
  | { kind: 'not-modified'; finalUrl: string }
  /** 429 or 503: the host asks us to slow down, for `retryAfterMs` when it said. */
  | { kind: 'throttled'; status: number; retryAfterMs?: number }
  /** Permanent failures are not retried (404, refused address, wrong type, too large). */
  | { kind: 'failed'; permanent: boolean; reason: string; status?: number };

export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  /** Content types accepted (media type only, lower case); `any` takes whatever comes, or none. */
  accept: readonly string[] | 'any';
  /**
   * Keep the first this many bytes of a larger body instead of refusing it (RFC 9309 §2.5: a
   * crawler parses at least the first 500 KiB of a robots.txt, whatever its size).
   */
  truncateAt?: number;
}

/** Fetches pages for the scraper: timeouts, size limit, redirects and address checks inside. */
export interface PageFetcher {
  fetch(url: string, options: FetchOptions): Promise<FetchOutcome>;
}
