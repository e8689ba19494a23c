import { decidePlanChange } from '../plan-policy';

const ranks = { price_starter: 1, price_growth: 2, price_growth_yearly: 2, price_scale: 3 };

describe('decidePlanChange: the platform, not the caller, decides how a plan change applies', () => {
  it.each([
    [
      'starter -> scale is an upgrade, now, invoiced at once',
      'price_starter',
      'price_scale',
      'upgrade',
      'now',
      'always_invoice',
    ],
    [
      'scale -> starter is a downgrade at the period end',
      'price_scale',
      'price_starter',
      'downgrade',
      'period_end',
      'none',
    ],
    [
      'growth -> growth yearly is lateral, at the period end',
      'price_growth',
      'price_growth_yearly',
      'lateral',
      'period_end',
      'none',
    ],
    [
      'a custom price outside the catalog only moves at the period end',
      'price_custom_deal',
      'price_scale',
      'downgrade',
      'period_end',
      'none',
    ],
  ])('%s', (_what, from, to, direction, effective, proration) => {
    expect(decidePlanChange(ranks, from, to)).toEqual({ direction, effective, proration });
  });

  it('refuses a price outside the catalog (400) and the current price (409)', () => {
    expect(() => decidePlanChange(ranks, 'price_starter', 'price_any_in_the_account')).toThrow(
      expect.objectContaining({ code: 'REQ-001' }),
    );
    expect(() => decidePlanChange(ranks, 'price_scale', 'price_scale')).toThrow(
      expect.objectContaining({ code: 'REQ-008' }),
    );
    expect(() => decidePlanChange({}, 'price_starter', 'price_scale')).toThrow(
      expect.objectContaining({ code: 'REQ-001' }),
    );
  });
});
