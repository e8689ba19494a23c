import createClient from 'openapi-fetch';
import { z } from 'zod';
import { routeErrorCodes } from '../core/http/openapi';
import type { RouteContract, RouteContracts } from '../core/http/route-contract';
import { invokeHttp } from './invoke';

type Handler = Parameters<typeof invokeHttp>[0];

/** Sends a fetch Request to a handler in-process (no server), as `invokeHttp` does. */
function inProcess(handler: Handler) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.body ? await request.text() : undefined;
    const out = await invokeHttp(handler, {
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      ...(text !== undefined ? { body: text } : {}),
    });
    const empty = out.status === 204 || out.status === 304;
    return new Response(empty ? null : out.text, { status: out.status, headers: out.headers });
  };
}

/** What the contract says a route answers, checked on every answer the client gets. */
async function checkAgainstContract(key: string, contract: RouteContract, response: Response) {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const schema = contract.responses[status as 200];
    if (!schema) throw new Error(`${key} answered ${status}, a status its contract does not document`);
    if (status === 204 || contract.contentType) return;
    const parsed = schema.safeParse(await response.clone().json());
    if (!parsed.success) throw new Error(`${key} ${status} breaks its contract:\n${z.prettifyError(parsed.error)}`);
    return;
  }
  const problem = (await response.clone().json()) as { code?: string };
  if (!(routeErrorCodes(key, contract) as string[]).includes(problem.code ?? ''))
    throw new Error(`${key} answered ${status} ${problem.code}, a code its contract does not name`);
}

/**
 * An openapi-fetch client typed by a function's generated `paths` (openapi/<function>.d.ts), for a
 * served function (`{ base }`) or a handler called in-process. Every answer to a declared route
 * is checked against the route's contract: a 2xx body that its response schema refuses, an
 * undocumented status, or an error code the route does not name fails the call, so a test that
 * uses it proves the published document true, not just the types.
 */
export function contractClient<Paths extends object>(
  routes: RouteContracts,
  target: { base: string } | Handler,
  headers: Record<string, string> = {},
) {
  const matchers = Object.entries(routes).map(([key, contract]) => {
    const [method, path] = key.split(' ') as [string, string];
    const pattern = new RegExp(`^${path.replace(/:[A-Za-z]\w*/g, '[^/]+')}$`);
    return { key, method, pattern, contract };
  });
  const send = typeof target === 'function' ? inProcess(target) : (request: Request) => fetch(request);
  const checked = async (request: Request): Promise<Response> => {
    const response = await send(request);
    const { pathname } = new URL(request.url);
    const route = matchers.find((m) => m.method === request.method && m.pattern.test(pathname));
    if (route) await checkAgainstContract(route.key, route.contract, response);
    return response;
  };
  const baseUrl = typeof target === 'function' ? 'http://in-process' : target.base;
  return createClient<Paths>({ baseUrl, fetch: checked, headers });
}
