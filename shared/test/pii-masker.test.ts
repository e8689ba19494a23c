import { findPii, MAX_MASKED_LENGTH, maskDeep, maskPii } from '../src/core/logging/pii-masker';

describe('maskPii', () => {
  it.each([
    ['email', 'contact asha.rao+billing@example.co.in now', 'contact [REDACTED_EMAIL] now'],
    ['E.164 phone', 'call +14155552671', 'call [REDACTED_PHONE]'],
    ['+91 mobile with space', 'call +91 98765 43210 today', 'call [REDACTED_PHONE] today'],
    ['+91 mobile with dash', 'call +91-9876543210', 'call [REDACTED_PHONE]'],
    ['bare Indian mobile', 'mobile 9876543210', 'mobile [REDACTED_PHONE]'],
    ['Indian mobile with leading 0', 'mobile 09876543210', 'mobile [REDACTED_PHONE]'],
    ['E.164 UK phone', 'uk +44 20 7946 0958', 'uk [REDACTED_PHONE]'],
    ['Visa card', 'card 4111 1111 1111 1111 ok', 'card [REDACTED_CARD] ok'],
    ['Mastercard with dashes', 'card 5555-5555-5555-4444', 'card [REDACTED_CARD]'],
    ['Amex', 'amex 378282246310005', 'amex [REDACTED_CARD]'],
    ['IBAN grouped', 'iban GB82 WEST 1234 5698 7654 32.', 'iban [REDACTED_IBAN].'],
    ['IBAN compact', 'iban DE89370400440532013000', 'iban [REDACTED_IBAN]'],
    ['Aadhaar grouped', 'aadhaar 2341 2341 2346', 'aadhaar [REDACTED_AADHAAR]'],
    ['Aadhaar compact', 'aadhaar 491876543212', 'aadhaar [REDACTED_AADHAAR]'],
    ['PAN', 'pan ABCPE1234F', 'pan [REDACTED_PAN]'],
    ['Bearer token', 'Authorization: Bearer abc.def-ghi_123456', 'Authorization: Bearer [REDACTED_TOKEN]'],
    [
      'JWT',
      'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'token [REDACTED_JWT]',
    ],
    ['Backbone API key', 'key bb_live_4f9a8b7c6d5e4f3a2b1c0d9e', 'key [REDACTED_API_KEY]'],
    ['Stripe secret key', 'sk_test_51HqLyjWDarjtT1zdp7dcSgL8', '[REDACTED_API_KEY]'],
    ['Stripe webhook secret', 'whsec_abcdefghijklmnop1234', '[REDACTED_API_KEY]'],
    ['Google API key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv', '[REDACTED_API_KEY]'],
  ])('masks %s', (_kind, input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });

  it.each([
    ['an ISO timestamp', '2026-11-23T18:45:36.123Z'],
    ['a 16-digit order id that fails Luhn', 'order 4111111111111112'],
    ['a 12-digit id that fails Verhoeff', 'ref 234123412345'],
    ['an epoch in ms', 'at 1795459879287'],
    ['an epoch in seconds', 'at 1795459879'],
    ['a latency figure', 'latency 123.456 ms'],
    ['an IPv4 address', 'from 192.168.100.200'],
    ['a semantic version', 'v10.20.30'],
    ['a port list', 'ports 8001-8013'],
    ['an IBAN-shaped string with a bad checksum', 'GB82WEST12345698765433'],
    ['a UUID', 'id 9f1c2d3e-4b5a-6789-abcd-ef0123456789'],
    ['a request path', '/v1/health/services/svc-8001?window=24h'],
    ['a Firestore document path', 'health_samples/agent-runtime_1795459879287'],
    ['a 10-digit number starting with 1', 'count 1234567890'],
    ['an uppercase word that is not a PAN', 'STATUS DEGRADED'],
  ])('leaves %s alone', (_kind, input) => {
    expect(maskPii(input)).toBe(input);
  });

  it('masks several kinds in one string', () => {
    expect(maskPii('asha@example.com paid with 4111111111111111 from +919876543210')).toBe(
      '[REDACTED_EMAIL] paid with [REDACTED_CARD] from [REDACTED_PHONE]',
    );
  });
});

describe('maskDeep', () => {
  it('masks nested strings and redacts secret-named keys whatever their value', () => {
    const masked = maskDeep({
      user: { email: 'a@b.io', phones: ['+14155552671'] },
      headers: { authorization: 'anything', 'x-api-key': 'k', accept: 'application/json' },
      password: 'hunter2',
      count: 3,
    });
    expect(masked).toEqual({
      user: { email: '[REDACTED_EMAIL]', phones: ['[REDACTED_PHONE]'] },
      headers: { authorization: '[REDACTED]', 'x-api-key': '[REDACTED]', accept: 'application/json' },
      password: '[REDACTED]',
      count: 3,
    });
  });

  it('turns errors into masked plain objects', () => {
    const masked = maskDeep(new Error('no user a@b.io')) as Record<string, unknown>;
    expect(masked.message).toBe('no user [REDACTED_EMAIL]');
    expect(masked.name).toBe('Error');
  });
});

describe('maskPii: more kinds (hardening 6)', () => {
  it.each([
    ['US national phone in parentheses', 'call (415) 555-2671 now', 'call [REDACTED_PHONE] now'],
    ['US national phone with dashes', 'call 415-555-2671', 'call [REDACTED_PHONE]'],
    ['US national phone with dots', 'call 415.555.2671', 'call [REDACTED_PHONE]'],
    ['E.164 with an area code in parentheses', 'call +1 (415) 555-2671', 'call [REDACTED_PHONE]'],
    ['UK landline', 'ring 020 7946 0958', 'ring [REDACTED_PHONE]'],
    ['UK mobile', 'ring 07911 123456', 'ring [REDACTED_PHONE]'],
    ['German landline', 'Tel. 030 12345678', 'Tel. [REDACTED_PHONE]'],
    ['French number in pairs', 'tel 01 23 45 67 89', 'tel [REDACTED_PHONE]'],
    ['GSTIN', 'GSTIN 27AAPFU0939F1ZV on the invoice', 'GSTIN [REDACTED_GSTIN] on the invoice'],
    ['another GSTIN', 'gst 29AAGCB7383J1Z4', 'gst [REDACTED_GSTIN]'],
    ['UPI id', 'pay asha.rao@okhdfcbank now', 'pay [REDACTED_UPI] now'],
    ['UPI id on a mobile number', 'upi 9876543210@ybl', 'upi [REDACTED_UPI]'],
    ['internationalized e-mail (Latin)', 'to jose.müller@bücher.de', 'to [REDACTED_EMAIL]'],
    ['internationalized e-mail (Devanagari)', 'to नाम@उदाहरण.भारत', 'to [REDACTED_EMAIL]'],
    ['e-mail with a punycode TLD', 'to a@example.xn--p1ai', 'to [REDACTED_EMAIL]'],
    [
      'PEM private key',
      'key -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- end',
      'key [REDACTED_PRIVATE_KEY] end',
    ],
    [
      'PEM private key cut before its END line',
      'k -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg',
      'k [REDACTED_PRIVATE_KEY]',
    ],
    ['short bearer token', 'Authorization: Bearer x1', 'Authorization: Bearer [REDACTED_TOKEN]'],
    ['long bearer token', `Bearer ${'a1'.repeat(2000)}`, 'Bearer [REDACTED_TOKEN]'],
    ['unsigned JWT', 'jwt eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', 'jwt [REDACTED_JWT]'],
    ['long JWT', `eyJhbGciOiJIUzI1NiJ9.eyJ${'x'.repeat(5000)}.sig_sig_sig`, '[REDACTED_JWT]'],
    ['Basic credentials', 'Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [REDACTED_TOKEN]'],
    ['an env-style secret', 'STRIPE_API_KEY=abc123 set', 'STRIPE_API_KEY=[REDACTED] set'],
    ['a JSON secret', '{"clientSecret":"pi_3_secret_x"}', '{"clientSecret":"[REDACTED]"}'],
    ['a token in a query string', '/cb?access_token=abcdef&x=1', '/cb?access_token=[REDACTED]&x=1'],
    ['a password in prose', 'password: hunter2', 'password: [REDACTED]'],
    // Boundaries next to - and . (hardening 12).
    ['a card after a dash and before a dot', 'id-4111111111111111.', 'id-[REDACTED_CARD].'],
    ['a phone before a full stop', 'call +14155552671.', 'call [REDACTED_PHONE].'],
    ['an e-mail before a full stop', 'write to asha@example.com.', 'write to [REDACTED_EMAIL].'],
    // Percent-encoded text (hardening 12).
    ['a percent-encoded e-mail', 'q=asha.rao%2Bbilling%40example.co.in', 'q=[REDACTED_EMAIL]'],
    ['a double-encoded e-mail', 'q=asha%2540example.com', 'q=[REDACTED_EMAIL]'],
    ['a percent-encoded phone', 'tel=%2B14155552671', 'tel=[REDACTED_PHONE]'],
  ])('masks %s', (_kind, input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });

  it.each([
    ['prose about basic authentication', 'basic authentication is off'],
    ['a plan name', 'Basic plan'],
    ['a date and time in day-month order', '01-12-2026 10:30'],
    ['a key without a secret name', 'region=asia-south1'],
    ['an encoded path without PII', '/v1/health/services/svc%2D1'],
    ['a malformed escape', 'bad %E0%A4%A escape'],
  ])('leaves %s alone', (_kind, input) => {
    expect(maskPii(input)).toBe(input);
  });

  it('cuts text past 64 KiB instead of scanning it', () => {
    const out = maskPii(`${'a'.repeat(MAX_MASKED_LENGTH)}asha@example.com`);
    expect(out).not.toContain('asha@example.com');
    expect(out.endsWith(`[TRUNCATED 16 chars]`)).toBe(true);
  });
});

describe('maskPii runs in linear time (hardening 6)', () => {
  // Near-misses for every pattern, repeated to 64 KiB: each makes a backtracking pattern retry
  // from every position. Before the rewrite several of these took 2.5 to 10 s.
  const near = [
    'a',
    'a.',
    'a-',
    'a@',
    'a@a.',
    '@b.co',
    'é',
    '1',
    '1 ',
    '1-',
    '+1 ',
    '(415) ',
    '415-555-',
    '020 7946 ',
    'A',
    'GB82 ',
    '27AAPFU',
    'ABCPE',
    'eyJaaaaa.',
    'eyJa.eyJb.',
    'Bearer ',
    'Basic ',
    'bb_live_',
    'sk_test_',
    '-----BEGIN PRIVATE KEY-----',
    'password',
    'password = ',
    '"k":',
    '%4',
    '%40',
  ];
  it.each(near)('masks 64 KiB of %j quickly', (unit) => {
    const input = unit.repeat(Math.ceil(MAX_MASKED_LENGTH / unit.length)).slice(0, MAX_MASKED_LENGTH);
    const started = performance.now();
    maskPii(input);
    // Linear passes over 64 KiB take single-digit milliseconds; a quadratic one takes seconds.
    expect(performance.now() - started).toBeLessThan(400);
  });
});

describe('findPii', () => {
  it('names each kind found and how often, beyond the first 64 KiB too', () => {
    const text = `asha@example.com ${'x '.repeat(40_000)} card 4111111111111111 and +14155552671 and b@example.org`;
    expect(findPii(text)).toEqual({ EMAIL: 2, CARD: 1, PHONE: 1 });
    expect(findPii('Article 14: equality before the law.')).toEqual({});
  });
});

describe('maskDeep: personal fields and secret keys (hardening 6)', () => {
  it("masks a Stripe customer's name, address, phone and e-mail whatever they look like", () => {
    const masked = maskDeep({
      object: 'customer',
      id: 'cus_1',
      name: 'Asha Rao',
      email: 'not-an-address',
      phone: '12',
      address: { line1: '12 MG Road', city: 'Pune', postal_code: '411001' },
      shipping: { name: 'A. Rao', address: { line1: 'Flat 4' }, phone: '98' },
      metadata: { tenant_id: 'acme' },
    });
    expect(masked).toEqual({
      object: 'customer',
      id: 'cus_1',
      name: '[REDACTED_NAME]',
      email: '[REDACTED_EMAIL]',
      phone: '[REDACTED_PHONE]',
      address: '[REDACTED_ADDRESS]',
      shipping: { name: '[REDACTED_NAME]', address: '[REDACTED_ADDRESS]', phone: '[REDACTED_PHONE]' },
      metadata: { tenant_id: 'acme' },
    });
  });

  it("masks billing details and an invoice's copies of the customer, not a product's name", () => {
    const masked = maskDeep({
      object: 'invoice',
      customer_name: 'Asha Rao',
      customer_address: { line1: 'x' },
      customer_shipping: { name: 'A' },
      lines: { data: [{ description: 'Pro plan', price: { product: { name: 'Pro' } } }] },
      charge: {
        billing_details: { name: 'Asha', address: { city: 'Pune' } },
        card: { address_zip: '411001' },
      },
    });
    expect(masked).toEqual({
      object: 'invoice',
      customer_name: '[REDACTED_NAME]',
      customer_address: '[REDACTED_ADDRESS]',
      customer_shipping: { name: '[REDACTED_NAME]' },
      lines: { data: [{ description: 'Pro plan', price: { product: { name: 'Pro' } } }] },
      charge: {
        billing_details: { name: '[REDACTED_NAME]', address: '[REDACTED_ADDRESS]' },
        card: { address_zip: '[REDACTED_ADDRESS]' },
      },
    });
  });

  it.each([
    'STRIPE_API_KEY',
    'webhookSecret',
    'clientSecret',
    'client_secret',
    'accessToken',
    'x-api-key',
    'dbPassword',
    'privateKey',
  ])('redacts the value under %s', (key) => {
    expect(maskDeep({ [key]: 'plain-value', other: 'plain-value' })).toEqual({
      [key]: '[REDACTED]',
      other: 'plain-value',
    });
  });

  it.each(['tokenCount', 'maxTokens', 'secretName', 'keyId', 'name'])('keeps the value under %s', (key) => {
    expect(maskDeep({ [key]: 'plain-value' })).toEqual({ [key]: 'plain-value' });
  });
});
