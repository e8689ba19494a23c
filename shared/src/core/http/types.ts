import type { Caller, RouteAccess } from '../auth/caller';
import type { Logger } from '../logging/logger';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route handler sees: a parsed request, never the framework's objects. */
export interface HttpRequestContext {
  method: HttpMethod;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** The JSON body, parsed; undefined when there was none. Validate it with `parseWith`. */
  body: unknown;
  rawBody: Buffer;
  requestId: string;
  log: Logger;
  /** The verified caller (anonymous on public routes without credentials). */
  caller: Caller;
}

export interface HttpResult {
  status: number;
  /** Objects are sent as JSON; strings as they are, with `contentType`. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** A streamed body (Server-Sent Events): written until the function returns or `closed` aborts. */
  stream?: (out: { write(chunk: string | Uint8Array): void; closed: AbortSignal }) => Promise<void>;
}

export interface Route {
  method: HttpMethod;
  /** `/v1/health/services/:id`: `:name` segments land in `params`. */
  path: string;
  /** Who may call; taken from the manifest when the handler is given its declared routes. */
  access?: RouteAccess | readonly RouteAccess[];
  /** The scope an API key needs here (from the manifest); a key on a route without one is refused. */
  scope?: string;
  /** False for routes authenticated otherwise and called by a provider (webhooks): no caller tier applies. */
  metered?: boolean;
  handle(ctx: HttpRequestContext): Promise<HttpResult> | HttpResult;
}

/** Builders for the usual answers. */
export const respond = {
  json: (body: unknown, status = 200, headers: Record<string, string> = {}): HttpResult => ({
    status,
    body,
    headers,
  }),
  html: (body: string, status = 200): HttpResult => ({
    status,
    body,
    contentType: 'text/html; charset=utf-8',
  }),
  text: (body: string, contentType = 'text/plain; charset=utf-8', status = 200): HttpResult => ({
    status,
    body,
    contentType,
  }),
};
