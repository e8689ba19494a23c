import { DEPRECATED_HEALTH_PATH, HEALTH_PATH, HEALTHY, HEALTHZ_DEPRECATION } from './health-route';
import http from 'node:http';
import { format } from 'node:util';
import { errorCodes, problemType } from '../errors/error-codes';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import type { Logger } from '../logging/logger';
import { maskPii } from '../logging/pii-masker';

export interface ServerGuardOptions {
  logger: Logger;
  /** Functions whose handler is not ours over HTTP (CloudEvent functions) answer `GET /health` here. */
  answersHealth: boolean;
}

let guard: ServerGuardOptions | undefined;
let restore: (() => void) | undefined;

/**
 * The Functions Framework's router percent-decodes the path before any handler of ours runs: a
 * malformed escape (`/%`) ends in Express's HTML error page with a stack trace, and the raw
 * URIError on stderr. A CloudEvent function treats every request as an event, so it has no
 * health route. This wraps the server the framework creates (once, at cold start) so both are
 * answered first, as ours; and routes what the framework prints with console.error or
 * console.warn through the masker as structured records.
 */
export function guardFrameworkServer(options: ServerGuardOptions): void {
  const first = guard === undefined;
  guard = options;
  if (!first) return;
  const createServer = http.createServer;
  const { error, warn } = console;
  restore = () => {
    (http as { createServer: unknown }).createServer = createServer;
    Object.assign(console, { error, warn });
    guard = undefined;
  };
  const patched = (...args: unknown[]) => {
    const at = args.findIndex((a) => typeof a === 'function');
    if (at >= 0) {
      const inner = args[at] as http.RequestListener;
      args[at] = (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (!answeredBeforeFramework(req, res)) inner(req, res);
      };
    }
    return (createServer as (...a: unknown[]) => http.Server)(...args);
  };
  (http as { createServer: unknown }).createServer = patched;
  for (const [method, severity] of [
    ['error', 'ERROR'],
    ['warn', 'WARNING'],
  ] as const) {
    console[method] = (...args: unknown[]) => {
      const line = JSON.stringify({
        severity,
        message: maskPii(format(...args)),
        time: new Date().toISOString(),
        source: 'functions-framework',
      });
      process.stderr.write(`${line}\n`);
    };
  }
}

/** Undoes the guard (tests share one process). */
export function unguardFrameworkServer(): void {
  restore?.();
  restore = undefined;
}

/** Answers what the framework would mishandle; true when it did. */
export function answeredBeforeFramework(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0]!;
  if (!decodable(path)) {
    guard?.logger.warn('request path has a malformed percent-escape; answered 400', { path });
    const code = 'REQ-001' as const;
    writeJson(res, 400, PROBLEM_CONTENT_TYPE, {
      type: problemType(code),
      title: errorCodes[code].title,
      status: 400,
      detail: 'The path has a malformed percent-escape.',
      code,
      issues: [{ path: 'path', message: 'a malformed percent-escape' }],
    });
    return true;
  }
  if (guard?.answersHealth && (req.method === 'GET' || req.method === 'HEAD')) {
    if (path === HEALTH_PATH) {
      writeJson(res, 200, 'application/json', HEALTHY);
      return true;
    }
    if (path === DEPRECATED_HEALTH_PATH) {
      writeJson(res, 200, 'application/json', HEALTHY, HEALTHZ_DEPRECATION);
      return true;
    }
  }
  return false;
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function writeJson(
  res: http.ServerResponse,
  status: number,
  contentType: string,
  body: object,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
