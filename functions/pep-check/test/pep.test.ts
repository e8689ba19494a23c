import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { verifyChain } from '@backbone/shared/audit';
import { captureLogs, invokeHttp, ManualClock, MemoryAuditLog, MemoryTrialStore } from '@backbone/shared/testing';
import { makeHandler } from '../handler';
import { memoryPepDeps } from './memory-pep-deps';

const governor = {
  type: 'User',
  id: 'gov-1',
  portal: 'PP',
  tenant: 'platform',
  roles: ['platform_governor'],
};
const auditor = { type: 'User', id: 'aud-1', portal: 'PP', tenant: 'platform', roles: ['auditor'] };

function setup() {
  const audit = new MemoryAuditLog();
  const holder = new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET));
  const { logger, records } = captureLogs('pep-check');
  const clock = new ManualClock();
  const trials = new MemoryTrialStore();
  const handler = makeHandler(memoryPepDeps({ clock, holder, trials, audit, logger }));
  return { audit, holder, handler, records };
}

describe('pep-check', () => {
  it('decides, names the deciding policies, and audits the decision', async () => {
    const { handler, audit } = setup();
    const res = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/pep/decide',
      body: { principal: auditor, action: 'view', resource: { type: 'Component', id: 'agents' } },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      decision: 'allow',
      reasons: ['rbac-auditor-view'],
      obligations: [],
      policyVersion: 'builtin-8',
    });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      actor: { type: 'User', id: 'aud-1' },
      action: 'pep.view',
      outcome: 'allow',
      details: { reasons: ['rbac-auditor-view'] },
    });
  });

  it('decides a batch in order and audits each decision in one chain', async () => {
    const { handler, audit } = setup();
    const res = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/pep/decide-batch',
      body: {
        requests: [
          { principal: governor, action: 'delete', resource: { type: 'Component', id: 'audit_logs' } },
          { principal: auditor, action: 'delete', resource: { type: 'Component', id: 'agents' } },
          {
            principal: governor,
            action: 'view',
            resource: { type: 'CustomerData', id: 'd1', tenant: 'acme' },
          },
        ],
      },
    });
    const { decisions } = res.json() as { decisions: { decision: string; reasons: string[] }[] };
    expect(decisions.map((d) => [d.decision, d.reasons])).toEqual([
      ['deny', ['deny-audit-log-changes']],
      ['deny', []],
      ['deny', ['deny-platform-portal-customer-data']],
    ]);
    expect(verifyChain(audit.entries)).toEqual({ ok: true, count: 3 });
  });

  it.each([
    [
      'an unknown action',
      { principal: auditor, action: 'fly', resource: { type: 'Component', id: 'agents' } },
      'action',
    ],
    [
      'an unknown role',
      {
        principal: { ...auditor, roles: ['king'] },
        action: 'view',
        resource: { type: 'Component', id: 'agents' },
      },
      'principal.roles.0',
    ],
    ['a missing resource', { principal: auditor, action: 'view' }, 'resource'],
    [
      'an extra field',
      { principal: auditor, action: 'view', resource: { type: 'Component', id: 'agents' }, sudo: true },
      '(root)',
    ],
    [
      'a context (the PEP looks it up itself)',
      {
        principal: auditor,
        action: 'view',
        resource: { type: 'Component', id: 'agents' },
        context: { allowListed: true },
      },
      '(root)',
    ],
    [
      'an unknown component id (a governor would otherwise be allowed on anything)',
      {
        principal: { ...auditor, roles: ['platform_governor'] },
        action: 'delete',
        resource: { type: 'Component', id: 'everything' },
      },
      'resource.id',
    ],
    [
      'a tenant id that is a path',
      {
        principal: { type: 'User', id: 'u1', portal: 'CP', tenant: 'acme/../globex', roles: [] },
        action: 'view',
        resource: { type: 'Component', id: 'agents' },
      },
      'principal.tenant',
    ],
    [
      'a lone surrogate in an id',
      {
        principal: { ...auditor, id: 'u\ud800' },
        action: 'view',
        resource: { type: 'Component', id: 'agents' },
      },
      'principal.id',
    ],
  ])('refuses %s with a 400 problem and audits nothing', async (_what, body, path) => {
    const { handler, audit } = setup();
    const res = await invokeHttp(handler, { method: 'POST', path: '/v1/pep/decide', body });
    expect(res.status).toBe(400);
    const problem = res.json() as { code: string; issues: { path: string }[] };
    expect(problem.code).toBe('REQ-001');
    expect(problem.issues.map((i) => i.path)).toContain(path);
    expect(audit.entries).toHaveLength(0);
  });

  it('refuses an empty or oversized batch', async () => {
    const { handler } = setup();
    const one = { principal: auditor, action: 'view', resource: { type: 'Component', id: 'agents' } };
    for (const requests of [[], Array.from({ length: 101 }, () => one)]) {
      const res = await invokeHttp(handler, {
        method: 'POST',
        path: '/v1/pep/decide-batch',
        body: { requests },
      });
      expect([res.status, (res.json() as { code: string }).code]).toEqual([400, 'REQ-001']);
    }
  });
});

describe('PolicyHolder', () => {
  const forbidAuditorView = `@id("freeze") forbid (principal, action == Backbone::Action::"view", resource is Backbone::Component);`;

  it('activates a valid new version', () => {
    const { holder, records } = setup();
    expect(
      holder.offer(
        {
          ...DEFAULT_POLICY_SET,
          version: 'v2',
          files: { ...DEFAULT_POLICY_SET.files, 'freeze.cedar': forbidAuditorView },
        },
        captureLogs().logger,
      ),
    ).toBe(true);
    expect(holder.engine.version).toBe('v2');
    expect(records).toHaveLength(0);
  });

  it.each([
    ['a malformed document', { version: 'v3' }],
    [
      'policies that do not validate',
      {
        ...DEFAULT_POLICY_SET,
        version: 'v3',
        files: { 'bad.cedar': '@id("x") permit (principal is Backbone::Robot, action, resource);' },
      },
    ],
  ])('keeps the running version when offered %s', (_what, document) => {
    const { holder } = setup();
    const { logger, records } = captureLogs();
    expect(holder.offer(document, logger)).toBe(false);
    expect(holder.engine.version).toBe('builtin-8');
    expect(records.at(-1)).toMatchObject({ severity: 'ERROR', keeping: 'builtin-8' });
  });
});
