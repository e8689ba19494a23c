import { ValidationError } from '../errors/app-errors';
import { unsafeText } from './text-safety';
import type { HttpMethod, Route } from './types';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: HttpMethod[] }
  | { kind: 'none' };

/** Matches a method and path against routes; tells a wrong method apart from an unknown path. */
export function compileRoutes(routes: Route[]): (method: HttpMethod, path: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { route, pattern: new RegExp(`^${source}/?$`), names };
  });

  return (method, path) => {
    const allow: HttpMethod[] = [];
    for (const { route, pattern, names } of compiled) {
      const match = pattern.exec(path);
      if (!match) continue;
      const sameMethod = route.method === method || (method === 'HEAD' && route.method === 'GET');
      if (!sameMethod) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decodeSegment(match[i + 1]!, name)));
      return { kind: 'found', route, params };
    }
    return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'none' };
  };
}

/** A path segment, percent-decoded; a malformed escape or text no store can take is the caller's error (400). */
function decodeSegment(raw: string, name: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new ValidationError('The path is not valid.', [{ path: name, message: 'a malformed percent-escape' }]);
  }
  const problem = unsafeText(decoded);
  if (problem) throw new ValidationError('The path is not valid.', [{ path: name, message: `the segment ${problem}` }]);
  return decoded;
}
