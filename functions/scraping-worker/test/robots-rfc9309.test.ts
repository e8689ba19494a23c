import { escapePattern, evaluate, parseRobotsTxt, pathParamsQuery, robotsRules } from '../robots';

/**
 * Google's reference parser's own test cases (google/robotstxt, robots_test.cc), translated to a
 * table: each row is [robots.txt, user agent, URL, allowed]. Google's `OneAgentAllowedByRobots`
 * takes the agent's product token, which is how `evaluate` takes it.
 */
const allowed = (robotstxt: string | Buffer, agent: string, url: string) =>
  evaluate(parseRobotsTxt(robotstxt), agent, url).allowed;
/** A URL on the test host, as Google's cases write them. */
const foo = (path: string) => `http://foo.bar${path}`;
type Row = [name: string, robotstxt: string, agent: string, url: string, expected: boolean];

const groups =
  'allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n';
const caseUpper = 'USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n';
const caseLower = 'user-agent: FooBot\nallow: /x/\ndisallow: /\n';
const caseCamel = 'uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n';
const uaUpper = 'User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n';
const uaLower = 'User-Agent: foo bar\nAllow: /x/\nDisallow: /\n';
const uaCamel = 'User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n';
const fooDisallowAll = 'user-agent: FooBot\ndisallow: /\n';
const fish = (allow: string) => `user-agent: FooBot\ndisallow: /\nallow: ${allow}\n`;

const rows: Row[] = [
  // GoogleOnly_SystemTest
  ['empty robots.txt', '', 'FooBot', '', true],
  ['empty agent', fooDisallowAll, '', '', true],
  ['empty URL is /', fooDisallowAll, 'FooBot', '', false],
  ['all empty', '', '', '', true],
  // ID_LineSyntax_Line
  ['colon-separated lines', fooDisallowAll, 'FooBot', foo('/x/y'), false],
  ['unknown names', 'foo: FooBot\nbar: /\n', 'FooBot', foo('/x/y'), true],
  ['missing colons accepted', 'user-agent FooBot\ndisallow /\n', 'FooBot', foo('/x/y'), false],
  // ID_LineSyntax_Groups
  ['groups: FooBot x', groups, 'FooBot', foo('/x/b'), true],
  ['groups: FooBot z (merged group)', groups, 'FooBot', foo('/z/d'), true],
  ['groups: FooBot y', groups, 'FooBot', foo('/y/c'), false],
  ['groups: BarBot y', groups, 'BarBot', foo('/y/c'), true],
  ['groups: BarBot w (rule after blank lines stays in group)', groups, 'BarBot', foo('/w/a'), true],
  ['groups: BarBot z', groups, 'BarBot', foo('/z/d'), false],
  ['groups: BazBot z (shares the FooBot group)', groups, 'BazBot', foo('/z/d'), true],
  ['groups: rules outside groups ignored (FooBot)', groups, 'FooBot', foo('/foo/bar/'), false],
  ['groups: rules outside groups ignored (BarBot)', groups, 'BarBot', foo('/foo/bar/'), false],
  ['groups: rules outside groups ignored (BazBot)', groups, 'BazBot', foo('/foo/bar/'), false],
  // ID_REPLineNamesCaseInsensitive
  ...([caseUpper, caseLower, caseCamel] as const).flatMap((t, i): Row[] => [
    [`line names case ${i} allowed`, t, 'FooBot', foo('/x/y'), true],
    [`line names case ${i} disallowed`, t, 'FooBot', foo('/a/b'), false],
  ]),
  // ID_UserAgentValueCaseInsensitive and GoogleOnly_AcceptUserAgentUpToFirstSpace
  ...([uaUpper, uaLower, uaCamel] as const).flatMap((t, i): Row[] =>
    ['Foo', 'foo'].flatMap((agent): Row[] => [
      [`agent value case ${i} ${agent} allowed`, t, agent, foo('/x/y'), true],
      [`agent value case ${i} ${agent} disallowed`, t, agent, foo('/a/b'), false],
    ]),
  ),
  [
    'agent up to first space',
    'User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n',
    'Foo',
    foo('/x/y'),
    true,
  ],
  // ID_GlobalGroups_Secondary
  ['no groups', '', 'FooBot', foo('/x/y'), true],
  ['specific beats global', 'user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n', 'FooBot', foo('/x/y'), false],
  ['global for others', 'user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n', 'BarBot', foo('/x/y'), true],
  [
    'only other agents',
    'user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n',
    'QuxBot',
    foo('/x/y'),
    true,
  ],
  // ID_AllowDisallow_Value_CaseSensitive
  ['path case: lower rule', 'user-agent: FooBot\ndisallow: /x/\n', 'FooBot', foo('/x/y'), false],
  ['path case: upper rule', 'user-agent: FooBot\ndisallow: /X/\n', 'FooBot', foo('/x/y'), true],
  // ID_LongestMatch
  [
    'longest: disallow longer',
    'user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n',
    'FooBot',
    foo('/x/page.html'),
    false,
  ],
  [
    'longest: allow longer',
    'user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n',
    'FooBot',
    foo('/x/page.html'),
    true,
  ],
  [
    'longest: allow longer, dir',
    'user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n',
    'FooBot',
    foo('/x/'),
    false,
  ],
  ['longest: empty both', 'user-agent: FooBot\ndisallow: \nallow: \n', 'FooBot', foo('/x/page.html'), true],
  ['longest: / both', 'user-agent: FooBot\ndisallow: /\nallow: /\n', 'FooBot', foo('/x/page.html'), true],
  ['longest: /x vs /x/ a', 'user-agent: FooBot\ndisallow: /x\nallow: /x/\n', 'FooBot', foo('/x'), false],
  ['longest: /x vs /x/ b', 'user-agent: FooBot\ndisallow: /x\nallow: /x/\n', 'FooBot', foo('/x/'), true],
  [
    'longest: equal patterns',
    'user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n',
    'FooBot',
    foo('/x/page.html'),
    true,
  ],
  [
    'longest: wildcard longer',
    'user-agent: FooBot\nallow: /page\ndisallow: /*.html\n',
    'FooBot',
    foo('/page.html'),
    false,
  ],
  ['longest: wildcard no match', 'user-agent: FooBot\nallow: /page\ndisallow: /*.html\n', 'FooBot', foo('/page'), true],
  [
    'longest: allow /x/page.',
    'user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n',
    'FooBot',
    foo('/x/page.html'),
    true,
  ],
  [
    'longest: disallow y.html',
    'user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n',
    'FooBot',
    foo('/x/y.html'),
    false,
  ],
  [
    'longest: specific group implicit allow',
    'User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n',
    'FooBot',
    foo('/x/page'),
    true,
  ],
  [
    'longest: specific group disallow',
    'User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n',
    'FooBot',
    foo('/y/page'),
    false,
  ],
  // ID_Encoding
  [
    'encoding: query unencoded',
    'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n',
    'FooBot',
    foo('/foo/bar?qux=taz&baz=http://foo.bar?tar&par'),
    true,
  ],
  [
    'encoding: 3-byte char in rule, encoded URL',
    'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n',
    'FooBot',
    foo('/foo/bar/%E3%83%84'),
    true,
  ],
  [
    'encoding: 3-byte char in rule, raw URL',
    'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n',
    'FooBot',
    foo('/foo/bar/ツ'),
    false,
  ],
  [
    'encoding: encoded rule, encoded URL',
    'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n',
    'FooBot',
    foo('/foo/bar/%E3%83%84'),
    true,
  ],
  [
    'encoding: encoded rule, raw URL',
    'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n',
    'FooBot',
    foo('/foo/bar/ツ'),
    false,
  ],
  [
    'encoding: encoded unreserved, raw URL',
    'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n',
    'FooBot',
    foo('/foo/bar/baz'),
    false,
  ],
  [
    'encoding: encoded unreserved, encoded URL',
    'User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n',
    'FooBot',
    foo('/foo/bar/%62%61%7A'),
    true,
  ],
  // ID_SpecialCharacters
  ...(
    [
      [foo('/foo/bar/quz'), false],
      [foo('/foo/quz'), true],
      [foo('/foo//quz'), true],
      [foo('/foo/bax/quz'), true],
    ] as const
  ).map(([url, ok]): Row => [
    `special: * ${url}`,
    'User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n',
    'FooBot',
    url,
    ok,
  ]),
  ...(
    [
      [foo('/foo/bar'), false],
      [foo('/foo/bar/qux'), true],
      [foo('/foo/bar/'), true],
      [foo('/foo/bar/baz'), true],
    ] as const
  ).map(([url, ok]): Row => [
    `special: $ ${url}`,
    'User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n',
    'FooBot',
    url,
    ok,
  ]),
  [
    'special: comments a',
    'User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n',
    'FooBot',
    foo('/foo/bar'),
    true,
  ],
  [
    'special: comments b',
    'User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n',
    'FooBot',
    foo('/foo/quz'),
    false,
  ],
  // GoogleOnly_IndexHTMLisDirectory
  ...(
    [
      ['http://foo.com/allowed-slash/', true],
      ['http://foo.com/allowed-slash/index.htm', false],
      ['http://foo.com/allowed-slash/index.html', true],
      ['http://foo.com/anyother-url', false],
    ] as const
  ).map(([url, ok]): Row => [
    `index.html: ${url}`,
    'User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n',
    'foobot',
    url,
    ok,
  ]),
  // GoogleOnly_DocumentationChecks
  ...(
    [
      [
        '/fish',
        [
          ['/bar', false],
          ['/fish', true],
          ['/fish.html', true],
          ['/fish/salmon.html', true],
          ['/fishheads', true],
          ['/fishheads/yummy.html', true],
          ['/fish.html?id=anything', true],
          ['/Fish.asp', false],
          ['/catfish', false],
          ['/?id=fish', false],
        ],
      ],
      [
        '/fish*',
        [
          ['/bar', false],
          ['/fish', true],
          ['/fish.html', true],
          ['/fish/salmon.html', true],
          ['/fishheads', true],
          ['/fishheads/yummy.html', true],
          ['/fish.html?id=anything', true],
          ['/Fish.bar', false],
          ['/catfish', false],
          ['/?id=fish', false],
        ],
      ],
      [
        '/fish/',
        [
          ['/bar', false],
          ['/fish/', true],
          ['/fish/salmon', true],
          ['/fish/?salmon', true],
          ['/fish/salmon.html', true],
          ['/fish/?id=anything', true],
          ['/fish', false],
          ['/fish.html', false],
          ['/Fish/Salmon.html', false],
        ],
      ],
      [
        '/*.php',
        [
          ['/bar', false],
          ['/filename.php', true],
          ['/folder/filename.php', true],
          ['/folder/filename.php?parameters', true],
          ['//folder/any.php.file.html', true],
          ['/filename.php/', true],
          ['/index?f=filename.php/', true],
          ['/php/', false],
          ['/index?php', false],
          ['/windows.PHP', false],
        ],
      ],
      [
        '/*.php$',
        [
          ['/bar', false],
          ['/filename.php', true],
          ['/folder/filename.php', true],
          ['/filename.php?parameters', false],
          ['/filename.php/', false],
          ['/filename.php5', false],
          ['/php/', false],
          ['/filename?php', false],
          ['/aaaphpaaa', false],
          ['//windows.PHP', false],
        ],
      ],
      [
        '/fish*.php',
        [
          ['/bar', false],
          ['/fish.php', true],
          ['/fishheads/catfish.php?parameters', true],
          ['/Fish.PHP', false],
        ],
      ],
    ] as const
  ).flatMap(([rule, cases]) =>
    cases.map(([path, ok]): Row => [`docs: allow ${rule} ${path}`, fish(rule), 'FooBot', foo(`${path}`), ok]),
  ),
  ['docs: precedence /p', 'user-agent: FooBot\nallow: /p\ndisallow: /\n', 'FooBot', 'http://example.com/page', true],
  [
    'docs: precedence /folder',
    'user-agent: FooBot\nallow: /folder\ndisallow: /folder\n',
    'FooBot',
    'http://example.com/folder/page',
    true,
  ],
  [
    'docs: precedence *.htm',
    'user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n',
    'FooBot',
    'http://example.com/page.htm',
    false,
  ],
  ['docs: precedence /$ root', 'user-agent: FooBot\nallow: /$\ndisallow: /\n', 'FooBot', 'http://example.com/', true],
  [
    'docs: precedence /$ page',
    'user-agent: FooBot\nallow: /$\ndisallow: /\n',
    'FooBot',
    'http://example.com/page.html',
    false,
  ],
];

describe("robots.txt against Google's reference test cases (RFC 9309)", () => {
  it.each(rows)('%s', (_name, robotstxt, agent, url, expected) => {
    expect(allowed(robotstxt, agent, url)).toBe(expected);
  });

  it('cuts lines past 8 × 2083 bytes, as Google does (GoogleOnly_LineTooLong)', () => {
    const max = 2083 * 8;
    let longline = '/x/';
    while (longline.length < max - longline.length - 'disallow: '.length + 1) longline += 'a';
    // Build exactly as the reference test: the rule is cut inside the run of a's.
    longline = '/x/';
    const target = max - '/x/'.length - 'disallow: '.length + 1;
    while (longline.length < target) longline += 'a';
    const robotstxt = `user-agent: FooBot\ndisallow: ${longline}/qux\n`;
    expect(allowed(robotstxt, 'FooBot', foo('/fux'))).toBe(true);
    expect(allowed(robotstxt, 'FooBot', foo(`${longline}/fux`))).toBe(false);

    let a = '/x/';
    let b = '/x/';
    const target2 = max - '/x/'.length - 'allow: '.length + 1;
    while (a.length < target2) {
      a += 'a';
      b += 'b';
    }
    const two = `user-agent: FooBot\ndisallow: /\nallow: ${a}/qux\nallow: ${b}/qux\n`;
    expect(allowed(two, 'FooBot', foo('/'))).toBe(false);
    expect(allowed(two, 'FooBot', foo(`${a}/qux`))).toBe(true);
    expect(allowed(two, 'FooBot', foo(`${b}/fux`))).toBe(true);
  });

  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('reads lines ended by %s (ID_LinesNumbersAreCountedCorrectly)', (_name, eol) => {
    const text = ['User-Agent: foo', 'Allow: /some/path', 'User-Agent: bar', '', '', 'Disallow: /'].join(eol);
    expect(parseRobotsTxt(text).filter((d) => d.kind !== 'other')).toHaveLength(4);
    expect(allowed(text, 'bar', 'http://x.test/a')).toBe(false);
  });

  it.each([
    ['a full BOM', [0xef, 0xbb, 0xbf], 2],
    ['a two-byte partial BOM', [0xef, 0xbb], 2],
    ['a one-byte partial BOM', [0xef], 2],
    ['a broken BOM (the first line is garbage)', [0xef, 0x11, 0xbf], 1],
  ] as const)('skips %s (ID_UTF8ByteOrderMarkIsSkipped)', (_name, prefix, valid) => {
    const body = Buffer.concat([Buffer.from(prefix), Buffer.from('User-Agent: foo\nAllow: /AnyValue\n')]);
    expect(parseRobotsTxt(body).filter((d) => d.kind !== 'other')).toHaveLength(valid);
  });

  it('does not skip a BOM in the middle of the file', () => {
    const body = Buffer.concat([
      Buffer.from('User-Agent: foo\n'),
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Allow: /AnyValue\n'),
    ]);
    expect(parseRobotsTxt(body).filter((d) => d.kind !== 'other')).toHaveLength(1);
  });

  it.each([
    ['', '/'],
    ['http://www.example.com', '/'],
    ['http://www.example.com/', '/'],
    ['http://www.example.com/a', '/a'],
    ['http://www.example.com/a/', '/a/'],
    ['http://www.example.com/a/b?c=http://d.e/', '/a/b?c=http://d.e/'],
    ['http://www.example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
    ['example.com', '/'],
    ['example.com/', '/'],
    ['example.com/a', '/a'],
    ['example.com/a/', '/a/'],
    ['example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
    ['a', '/'],
    ['a/', '/'],
    ['/a', '/a'],
    ['a/b', '/b'],
    ['example.com?a', '/?a'],
    ['example.com/a;b#c', '/a;b'],
    ['//a/b/c', '/b/c'],
  ])('takes the path of %j as %j (TestGetPathParamsQuery)', (url, path) => {
    expect(pathParamsQuery(url)).toBe(path);
  });

  it.each([
    ['http://www.example.com', 'http://www.example.com'],
    ['/a/b/c', '/a/b/c'],
    ['á', '%C3%A1'],
    ['%aa', '%AA'],
  ])('escapes the pattern %j as %j (TestMaybeEscapePattern)', (pattern, escaped) => {
    expect(escapePattern(pattern)).toBe(escaped);
  });
});

describe('the worker’s rules for BackboneBot (hardening 13)', () => {
  const url = 'https://kb.example/private/page';
  it.each([
    ['a product token with a version', 'User-agent: BackboneBot/1.0\nDisallow: /private/\n'],
    ['a product token with a star', 'User-agent: BackboneBot*\nDisallow: /private/\n'],
    ['a product token and more words', 'User-agent: BackboneBot crawler\nDisallow: /private/\n'],
    [
      'a Sitemap line between two user-agent lines',
      'User-agent: OtherBot\nSitemap: https://kb.example/s.xml\nUser-agent: BackboneBot\nDisallow: /private/\n',
    ],
    [
      'a Crawl-delay line between two user-agent lines',
      'User-agent: BackboneBot\nCrawl-delay: 2\nUser-agent: OtherBot\nDisallow: /private/\n',
    ],
    ['a missing colon', 'User-agent: BackboneBot\ndisallow /private/\n'],
    ['"useragent"', 'useragent: BackboneBot\nDisallow: /private/\n'],
    ['"disallaw"', 'User-agent: BackboneBot\ndisallaw: /private/\n'],
  ])('obeys %s', (_what, robotstxt) => {
    expect(robotsRules('https://kb.example/robots.txt', robotstxt).isAllowed(url)).toBe(false);
  });

  it('reads its Crawl-delay from its own group, else from *, capped at 60 s', () => {
    expect(robotsRules('https://kb.example/robots.txt', 'User-agent: *\nCrawl-delay: 3\n').crawlDelayMs).toBe(3000);
    expect(
      robotsRules(
        'https://kb.example/robots.txt',
        'User-agent: *\nCrawl-delay: 3\nUser-agent: BackboneBot\nCrawl-delay: 1.5\n',
      ).crawlDelayMs,
    ).toBe(1500);
    expect(
      robotsRules('https://kb.example/robots.txt', 'User-agent: BackboneBot\nCrawl-delay: 999\n').crawlDelayMs,
    ).toBe(60_000);
  });

  it("never allows a URL of another origin by this origin's robots.txt", () => {
    expect(robotsRules('https://kb.example/robots.txt', '').isAllowed('https://other.example/')).toBe(false);
  });
});
