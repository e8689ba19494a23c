import { percentile } from '@backbone/shared/core';

/** The p-th percentile (nearest rank) of samples in any order; 0 when there are none. */
export const pct = (values: number[], p: number): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    p,
  ) ?? 0;
