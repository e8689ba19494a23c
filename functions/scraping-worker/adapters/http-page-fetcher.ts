import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { FetchOptions, FetchOutcome, PageFetcher } from '../page-fetcher';
import { isBlockedHostName, isPublicAddress } from '@backbone/shared/core';
import { parseRetryAfter } from '../retry-after';

export interface HttpPageFetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /**
   * Hosts allowed to resolve to private or loopback addresses: for local development and tests
   * only (the config refuses it elsewhere). Empty in production.
   */
  allowPrivateHosts?: readonly string[];
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
  now?: () => Date;
}

type Hop = { kind: 'redirect'; location: string } | FetchOutcome;

/**
 * GET over node:http(s) with SSRF protection checked after DNS resolution and on every redirect:
 * the host must resolve only to public addresses, and the connection goes to the address that was
 * checked (no second lookup an attacker's DNS could answer differently).
 */
export class HttpPageFetcher implements PageFetcher {
  private readonly allowPrivate: Set<string>;
  private readonly resolve: NonNullable<HttpPageFetcherOptions['resolve']>;

  constructor(private readonly options: HttpPageFetcherOptions) {
    this.allowPrivate = new Set((options.allowPrivateHosts ?? []).map((h) => h.toLowerCase()));
    this.resolve = options.resolve ?? ((host) => dnsLookup(host, { all: true }));
  }

  /**
   * One deadline (`timeoutMs`) covers DNS and every redirect hop, so a chain of slow redirects
   * cannot outlive the host slot the worker holds for the fetch.
   */
  async fetch(url: string, fetchOptions: FetchOptions): Promise<FetchOutcome> {
    let current = url;
    const deadline = Date.now() + this.options.timeoutMs;
    for (let hop = 0; hop <= this.options.maxRedirects; hop++) {
      const result = await this.hop(current, fetchOptions, deadline);
      if (result.kind !== 'redirect') return result;
      current = new URL(result.location, current).toString();
    }
    return { kind: 'failed', permanent: true, reason: `more than ${this.options.maxRedirects} redirects` };
  }

  private async hop(url: string, fetchOptions: FetchOptions, deadline: number): Promise<Hop> {
    const timedOut = (): Hop => ({
      kind: 'failed',
      permanent: false,
      reason: `timed out after ${this.options.timeoutMs} ms`,
    });
    if (Date.now() >= deadline) return timedOut();
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { kind: 'failed', permanent: true, reason: 'not a URL' };
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      return { kind: 'failed', permanent: true, reason: `scheme ${target.protocol} is not fetched` };
    const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const privateAllowed = this.allowPrivate.has(host);
    if (!privateAllowed && isBlockedHostName(host))
      return { kind: 'failed', permanent: true, reason: `refused: ${host} is an internal name` };
    let addresses: { address: string; family: number }[];
    try {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), deadline - Date.now())));
      const answer = await Promise.race([this.resolve(host), late]).finally(() => clearTimeout(timer));
      if (answer === 'late') return timedOut();
      addresses = answer;
    } catch (error) {
      return { kind: 'failed', permanent: false, reason: `DNS: ${(error as Error).message}` };
    }
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (addresses.length === 0 || (refused && !privateAllowed))
      return {
        kind: 'failed',
        permanent: true,
        reason: `refused: ${host} resolves to a non-public address${refused ? ` (${refused.address})` : ''}`,
      };
    const pinned = addresses[0]!;
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof addresses) => void)(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    return this.request(target, lookup, fetchOptions, deadline);
  }

  private request(target: URL, lookup: LookupFunction, fetchOptions: FetchOptions, deadline: number): Promise<Hop> {
    const { userAgent, timeoutMs, maxBytes } = this.options;
    const client = target.protocol === 'https:' ? https : http;
    return new Promise<Hop>((resolve) => {
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: fetchOptions.accept === 'any' ? '*/*' : fetchOptions.accept.join(', '),
        'accept-encoding': 'identity',
      };
      if (fetchOptions.etag) headers['if-none-match'] = fetchOptions.etag;
      if (fetchOptions.lastModified) headers['if-modified-since'] = fetchOptions.lastModified;
      const request = client.get(target, { headers, lookup }, (response) => {
        const status = response.statusCode ?? 0;
        const header = (name: string) => {
          const value = response.headers[name];
          return Array.isArray(value) ? value[0] : value;
        };
        const finish = (hop: Hop) => {
          response.resume();
          clearTimeout(timer);
          resolve(hop);
        };
        if (status >= 300 && status < 400 && status !== 304) {
          const location = header('location');
          return finish(
            location
              ? { kind: 'redirect', location }
              : { kind: 'failed', permanent: true, reason: `${status} without Location`, status },
          );
        }
        if (status === 304) return finish({ kind: 'not-modified', finalUrl: target.toString() });
        if (status === 429 || status === 503) {
          const retryAfterMs = parseRetryAfter(header('retry-after'), this.options.now?.() ?? new Date());
          return finish({
            kind: 'throttled',
            status,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          });
        }
        if (status >= 500) return finish({ kind: 'failed', permanent: false, reason: `HTTP ${status}`, status });
        if (status !== 200) return finish({ kind: 'failed', permanent: true, reason: `HTTP ${status}`, status });
        const contentType = (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (fetchOptions.accept !== 'any' && !fetchOptions.accept.includes(contentType))
          return finish({
            kind: 'failed',
            permanent: true,
            reason: `content type ${contentType || '(none)'} is not accepted`,
            status,
          });
        const cut = fetchOptions.truncateAt;
        if (cut === undefined && Number(header('content-length') ?? 0) > maxBytes)
          return finish({ kind: 'failed', permanent: true, reason: `larger than ${maxBytes} bytes`, status });
        const chunks: Buffer[] = [];
        let size = 0;
        const ok = (body: Buffer, truncated: boolean): Hop => ({
          kind: 'ok',
          status,
          body,
          contentType,
          finalUrl: target.toString(),
          ...(truncated ? { truncated } : {}),
          ...(header('etag') ? { etag: header('etag')! } : {}),
          ...(header('last-modified') ? { lastModified: header('last-modified')! } : {}),
        });
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (cut !== undefined && size >= cut) {
            chunks.push(chunk);
            clearTimeout(timer);
            request.destroy();
            resolve(ok(Buffer.concat(chunks).subarray(0, cut), size > cut));
            return;
          }
          if (cut === undefined && size > maxBytes) {
            clearTimeout(timer);
            request.destroy();
            resolve({ kind: 'failed', permanent: true, reason: `larger than ${maxBytes} bytes`, status });
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          clearTimeout(timer);
          if (cut === undefined ? size > maxBytes : size >= cut) return;
          resolve(ok(Buffer.concat(chunks), false));
        });
        response.on('error', (error) => {
          clearTimeout(timer);
          resolve({ kind: 'failed', permanent: false, reason: `response: ${error.message}` });
        });
      });
      const timer = setTimeout(
        () => {
          request.destroy();
          resolve({ kind: 'failed', permanent: false, reason: `timed out after ${timeoutMs} ms` });
        },
        Math.max(0, deadline - Date.now()),
      );
      request.on('error', (error) => {
        clearTimeout(timer);
        resolve({ kind: 'failed', permanent: false, reason: `connection: ${error.message}` });
      });
    });
  }
}
