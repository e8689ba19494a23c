import type { McpProbe } from '../readiness';

/**
 * An MCP server is reachable when its URL answers HTTP at all within the timeout (a 401 or 405
 * still proves it is up): a HEAD request, no body read, no redirects followed. The URLs come from
 * the MCP registry, which only platform admins write.
 */
export class HttpMcpProbe implements McpProbe {
  constructor(
    private readonly timeoutMs = 3_000,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async reachable(url: string): Promise<boolean> {
    try {
      const res = await this.fetcher(url, {
        method: 'HEAD',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body?.cancel();
      return true;
    } catch {
      return false;
    }
  }
}
