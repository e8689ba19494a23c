import { pathMatcherProblems, pathRuleProblems, pathTemplateProblems, serviceFor } from './url-map-grammar';

describe("GCP's URL map grammar (the checker the stack test relies on)", () => {
  it('refuses a * in the middle of a path rule, as GCP does', () => {
    expect(pathRuleProblems('/v1/api-keys/*/rotate')).toEqual([
      '/v1/api-keys/*/rotate: * is allowed only at the end, after a /',
    ]);
    expect(pathRuleProblems('/v1/health/*')).toEqual([]);
    expect(pathRuleProblems('v1/x')).toHaveLength(1);
  });

  it('accepts path templates with single-segment variables and refuses malformed ones', () => {
    expect(pathTemplateProblems('/v1/api-keys/{id}/rotate')).toEqual([]);
    expect(pathTemplateProblems('/v1/files/{path=**}')).toEqual([]);
    expect(pathTemplateProblems('/v1/{a=**}/x')).toEqual(['/v1/{a=**}/x: ** only in the last segment']);
    expect(pathTemplateProblems('/v1/:id')).toEqual([]); // ':' is a legal literal character...
    expect(pathTemplateProblems('/v1/{id}/{id}')).toEqual(['/v1/{id}/{id}: variable id twice']);
    expect(pathTemplateProblems('/{a}/{b}/{c}/{d}/{e}/{f}')).toContain(
      '/{a}/{b}/{c}/{d}/{e}/{f}: more than 5 wildcard operators',
    );
    expect(pathTemplateProblems(`/${'a'.repeat(300)}`)).toContain(`/${'a'.repeat(300)}: 1-255 characters`);
    expect(pathTemplateProblems('/v1/{1bad}')).toHaveLength(1);
  });

  it('refuses mixed rule kinds, duplicate priorities and a literal match holding a parameter', () => {
    expect(
      pathMatcherProblems({
        name: 'm',
        path_rule: [{ paths: ['/a'] }],
        route_rules: [
          { priority: 1, match_rules: [{ full_path_match: '/v1/x/:id' }] },
          { priority: 1, match_rules: [{ full_path_match: '/b', prefix_match: '/b' }] },
        ],
      }),
    ).toEqual([
      'm: path rules and route rules together',
      '/v1/x/:id: a full-path or prefix match is literal',
      'm: priority 1 twice',
      'm: a match rule needs exactly one path match',
    ]);
  });

  it('serves a path with the first rule that matches it', () => {
    const matcher = {
      name: 'm',
      default_service: 'default',
      route_rules: [
        { priority: 1, service: 'list', match_rules: [{ full_path_match: '/v1/keys' }] },
        { priority: 2, service: 'rotate', match_rules: [{ path_template_match: '/v1/keys/{id}/rotate' }] },
        { priority: 3, service: 'one', match_rules: [{ path_template_match: '/v1/keys/{id}' }] },
      ],
    };
    expect(serviceFor(matcher, '/v1/keys')).toBe('list');
    expect(serviceFor(matcher, '/v1/keys/k1/rotate')).toBe('rotate');
    expect(serviceFor(matcher, '/v1/keys/k1')).toBe('one');
    expect(serviceFor(matcher, '/v1/keys//rotate')).toBe('default');
    expect(serviceFor(matcher, '/v1/keys/k1/x')).toBe('default');
  });
});
