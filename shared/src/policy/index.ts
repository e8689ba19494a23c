// The policy domain: its rules, schemas and ports (no Google SDK; adapters are in ./gcp).
export {
  APPROVAL_OBLIGATION,
  DecisionRequestSchema,
  entitySlice,
  PolicyEngine,
  PolicySetInvalidError,
  type Decision,
  type DecisionRequest,
  type DecisionRequestInput,
  type PolicySetSource,
} from './policy-engine';
export { DEFAULT_POLICY_SET } from './default-policies';
export type { PolicySource } from './policy-source';
export { PolicyHolder, PolicySetDocumentSchema } from './policy-holder';
export { Gatekeeper, principalOf, type GatedFunctionDeps, type GatekeeperDeps } from './gatekeeper';
export { renderRbacMatrix } from './rbac-matrix';
export { pepViolations } from './pep-events';
