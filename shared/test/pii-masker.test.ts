import { maskDeep, maskPii } from '../src/logging/pii-masker';

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
