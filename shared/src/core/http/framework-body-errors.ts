import path from 'node:path';
import { AppError, MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/app-errors';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem';

type Middleware = (req: unknown, res: ProblemWritable, next: (err?: unknown) => void) => void;
type ParserFactory = (options?: Record<string, unknown>) => Middleware;
interface ProblemWritable {
  headersSent: boolean;
  status(code: number): ProblemWritable;
  set(name: string, value: string): ProblemWritable;
  send(body: string): unknown;
}
interface BodyParserError {
  type?: string;
}

let installedLimit: number | undefined;

/**
 * The Functions Framework parses bodies (body-parser, 1 GB limit) before our code runs, and a
 * parse failure ends in Express's HTML error page. This wraps the framework's body-parser once,
 * at cold start, so that a malformed or oversized body gets our problem+json and our size
 * limit, before anything is buffered beyond it. Returns false if the framework is not there.
 */
export function answerBodyErrorsAsProblems(maxBodyBytes: number): boolean {
  if (installedLimit !== undefined) {
    installedLimit = Math.min(installedLimit, maxBodyBytes);
    return true;
  }
  let bodyParser: Record<string, ParserFactory>;
  try {
    const framework = path.dirname(require.resolve('@google-cloud/functions-framework'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    bodyParser = require(require.resolve('body-parser', { paths: [framework] }));
  } catch {
    return false;
  }
  installedLimit = maxBodyBytes;
  for (const kind of ['json', 'text', 'raw', 'urlencoded'] as const) {
    const original = bodyParser[kind];
    if (typeof original !== 'function') continue;
    bodyParser[kind] = (options = {}) => {
      const parse = original({ ...options, limit: installedLimit });
      return (req, res, next) =>
        parse(req, res, (err?: unknown) => {
          if (!err || res.headersSent) return next(err);
          const problem = toProblem(mapBodyError(err as BodyParserError, installedLimit ?? maxBodyBytes));
          res.status(problem.status).set('Content-Type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
        });
    };
  }
  return true;
}

function mapBodyError(err: BodyParserError, limit: number): AppError {
  switch (err.type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(limit);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError(undefined, 'application/json; charset=utf-8');
    default:
      return new MalformedJsonError(err);
  }
}
