// `npm run rbac:matrix`: writes docs/rbac-matrix.md by evaluating the default policy set.
import './local/text-modules';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_POLICY_SET } from '@backbone/shared/policy';
import { PolicyEngine } from '@backbone/shared/policy';
import { renderRbacMatrix } from '@backbone/shared/policy';

writeFileSync(
  path.join(__dirname, '..', 'docs', 'rbac-matrix.md'),
  renderRbacMatrix(PolicyEngine.load(DEFAULT_POLICY_SET)),
);
console.log('wrote docs/rbac-matrix.md');
