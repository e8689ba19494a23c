/**
 * GCP's URL map grammar, as documented for global external Application Load Balancers, written
 * apart from the code that builds the map so a test can catch what GCP would refuse:
 * - a path rule's path starts with `/`, and `*` is allowed only as its last character, after a `/`;
 * - a route rule has a unique priority in [0, 2147483647] and match rules with exactly one of
 *   prefixMatch, fullPathMatch, regexMatch, pathTemplateMatch;
 * - pathTemplateMatch is 1-255 characters, starts with `/`, each segment a literal, `*`, `**` or a
 *   variable `{name}`, `{name=*}`, `{name=**}`; `**` only in the last segment; at most 5 wildcard
 *   operators and at most 5 variables; variable names unique.
 * - a path matcher holds path rules or route rules, not both.
 */
export function pathRuleProblems(path: string): string[] {
  const problems: string[] = [];
  if (!path.startsWith('/')) problems.push(`${path}: must start with /`);
  if (path.length > 1024) problems.push(`${path}: longer than 1024 characters`);
  if (/[?#]/.test(path)) problems.push(`${path}: ? and # are not part of a path`);
  const star = path.indexOf('*');
  if (star !== -1 && !(star === path.length - 1 && path[star - 1] === '/'))
    problems.push(`${path}: * is allowed only at the end, after a /`);
  return problems;
}

const VARIABLE = /^\{([A-Za-z][A-Za-z0-9_]*)(?:=(\*\*?))?\}$/;
const LITERAL = /^[A-Za-z0-9\-._~!$&'()+,;=:@%]+$/;

export function pathTemplateProblems(template: string): string[] {
  const problems: string[] = [];
  if (template.length < 1 || template.length > 255) problems.push(`${template}: 1-255 characters`);
  if (!template.startsWith('/')) return [...problems, `${template}: must start with /`];
  const segments = template.slice(1).split('/');
  let operators = 0;
  const names = new Set<string>();
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const variable = segment.match(VARIABLE);
    const op = variable ? (variable[2] ?? '*') : segment === '*' || segment === '**' ? segment : undefined;
    if (variable) {
      if (names.has(variable[1]!)) problems.push(`${template}: variable ${variable[1]} twice`);
      names.add(variable[1]!);
    }
    if (op) {
      operators += 1;
      if (op === '**' && !last) problems.push(`${template}: ** only in the last segment`);
    } else if (!LITERAL.test(segment)) {
      problems.push(`${template}: segment '${segment}' is neither a literal, an operator nor a variable`);
    }
  });
  if (operators > 5) problems.push(`${template}: more than 5 wildcard operators`);
  if (names.size > 5) problems.push(`${template}: more than 5 variables`);
  return problems;
}

export interface UrlMapRouteRule {
  priority: number;
  service?: string;
  match_rules?: Record<string, unknown>[];
}
export interface UrlMapPathMatcher {
  name: string;
  default_service?: string;
  path_rule?: { paths: string[]; service?: string }[];
  route_rules?: UrlMapRouteRule[];
}

const MATCH_KINDS = ['prefix_match', 'full_path_match', 'regex_match', 'path_template_match'];

export function pathMatcherProblems(matcher: UrlMapPathMatcher): string[] {
  const problems: string[] = [];
  const rules = matcher.route_rules ?? [];
  if ((matcher.path_rule?.length ?? 0) > 0 && rules.length > 0)
    problems.push(`${matcher.name}: path rules and route rules together`);
  for (const rule of matcher.path_rule ?? []) for (const p of rule.paths) problems.push(...pathRuleProblems(p));
  const priorities = new Set<number>();
  for (const rule of rules) {
    if (!Number.isInteger(rule.priority) || rule.priority < 0 || rule.priority > 2_147_483_647)
      problems.push(`${matcher.name}: priority ${rule.priority} out of range`);
    if (priorities.has(rule.priority)) problems.push(`${matcher.name}: priority ${rule.priority} twice`);
    priorities.add(rule.priority);
    for (const m of rule.match_rules ?? []) {
      const kinds = MATCH_KINDS.filter((k) => m[k] !== undefined);
      if (kinds.length !== 1) problems.push(`${matcher.name}: a match rule needs exactly one path match`);
      const full = m.full_path_match ?? m.prefix_match;
      if (typeof full === 'string') {
        if (!full.startsWith('/')) problems.push(`${full}: must start with /`);
        if (/[*{}]|\/:/.test(full)) problems.push(`${full}: a full-path or prefix match is literal`);
      }
      if (typeof m.path_template_match === 'string') problems.push(...pathTemplateProblems(m.path_template_match));
    }
  }
  return problems;
}

/** Which rule's service serves a concrete path: the lowest priority whose match accepts it. */
export function serviceFor(matcher: UrlMapPathMatcher, path: string): string | undefined {
  const rules = [...(matcher.route_rules ?? [])].sort((a, b) => a.priority - b.priority);
  for (const rule of rules) {
    for (const m of rule.match_rules ?? []) {
      if (m.full_path_match === path) return rule.service;
      if (typeof m.path_template_match === 'string' && templateMatches(m.path_template_match, path))
        return rule.service;
    }
  }
  return matcher.default_service;
}

function templateMatches(template: string, path: string): boolean {
  const t = template.slice(1).split('/');
  const p = path.slice(1).split('/');
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const op = seg.match(VARIABLE)?.[2] ?? (seg.match(VARIABLE) ? '*' : seg === '*' || seg === '**' ? seg : '');
    if (op === '**') return p.length >= i;
    if (i >= p.length) return false;
    if (op === '*') {
      if (p[i] === '') return false;
    } else if (seg !== p[i]) return false;
  }
  return t.length === p.length;
}
