import schema from './cedar/backbone.cedarschema';
import agents from './cedar/agents.cedar';
import guardrails from './cedar/guardrails.cedar';
import membership from './cedar/membership.cedar';
import rbac from './cedar/rbac.cedar';
import sovereignty from './cedar/sovereignty.cedar';
import usage from './cedar/usage.cedar';
import workspaces from './cedar/workspaces.cedar';

/** The policy set shipped with Backbone: used until an operator publishes another version. */
export const DEFAULT_POLICY_SET = {
  version: 'builtin-8',
  schema,
  files: {
    'rbac.cedar': rbac,
    'sovereignty.cedar': sovereignty,
    'guardrails.cedar': guardrails,
    'membership.cedar': membership,
    'agents.cedar': agents,
    'usage.cedar': usage,
    'workspaces.cedar': workspaces,
  },
};
