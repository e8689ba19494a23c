import type { Environment } from '../environments';

/** GCP label values: lower case, digits, dashes and underscores, at most 63 characters. */
function labelValue(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 63);
}

/** Cost attribution labels (000#50) every labelable resource carries. */
export function labelsFor(env: Environment, component: string): Record<string, string> {
  return {
    service: 'backbone',
    environment: env.name,
    'cost-centre': labelValue(env.costCentre),
    component: labelValue(component),
    'managed-by': 'cdktf',
  };
}
