import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { doc, getDoc, setDoc } from 'firebase/firestore';
import { uniqueProjectId } from '@backbone/shared/testing';

// firestore.rules against the Firestore emulator (000#52): who may read what directly.
let env: RulesTestEnvironment;
const cp = (tenant: string) => ({ portal: 'CP', tenant, roles: [] });
const pp = (...roles: string[]) => ({ portal: 'PP', tenant: 'platform', roles });

beforeAll(async () => {
  const [host, port] = process.env.FIRESTORE_EMULATOR_HOST!.split(':');
  env = await initializeTestEnvironment({
    projectId: uniqueProjectId(),
    firestore: {
      rules: readFileSync(path.join(__dirname, '..', '..', 'firestore.rules'), 'utf8'),
      host: host!,
      port: Number(port),
    },
  });
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await setDoc(doc(db, 'tenants/acme'), { name: 'Acme' });
    await setDoc(doc(db, 'tenants/acme/customer_data/profile'), { revenue: 1_000_000 });
    await setDoc(doc(db, 'tickets/inc-1_acme'), { tenantId: 'acme', status: 'open' });
    await setDoc(doc(db, 'health_status/current'), { status: 'operational' });
  });
});
afterAll(() => env.cleanup());

const read = (claims: Record<string, unknown> | null, docPath: string) => {
  const ctx = claims
    ? env.authenticatedContext(`u-${JSON.stringify(claims).length}`, claims)
    : env.unauthenticatedContext();
  return getDoc(doc(ctx.firestore(), docPath));
};

describe('firestore.rules', () => {
  describe('customer core data', () => {
    it('is readable by its own tenant', async () => {
      await assertSucceeds(read(cp('acme'), 'tenants/acme/customer_data/profile'));
    });
    it.each([
      ['another tenant', cp('globex')],
      ['the platform governor', pp('platform_governor')],
      ['a platform admin', pp('platform_admin')],
      ['an auditor', pp('auditor')],
      ['a signed-in user without claims', {}],
    ])('is not readable by %s', async (_who, claims) => {
      await assertFails(read(claims, 'tenants/acme/customer_data/profile'));
    });
    it('is not readable anonymously', async () => {
      await assertFails(read(null, 'tenants/acme/customer_data/profile'));
    });
    it('is never writable by a portal user, even its tenant', async () => {
      await assertFails(
        setDoc(doc(env.authenticatedContext('u', cp('acme')).firestore(), 'tenants/acme/customer_data/profile'), {
          revenue: 0,
        }),
      );
    });
  });

  it('lets platform staff and the tenant read the tenant profile, not another tenant', async () => {
    await assertSucceeds(read(pp('auditor'), 'tenants/acme'));
    await assertSucceeds(read(cp('acme'), 'tenants/acme'));
    await assertFails(read(cp('globex'), 'tenants/acme'));
  });

  it.each([
    ['the tenant', true, cp('acme')],
    ['support', true, pp('support_agent')],
    ['another tenant', false, cp('globex')],
    ['a finance analyst', false, pp('finance_analyst')],
  ])('tickets: %s may read them: %s', async (_who, allowed, claims) => {
    if (allowed) await assertSucceeds(read(claims, 'tickets/inc-1_acme'));
    else await assertFails(read(claims, 'tickets/inc-1_acme'));
  });

  it('denies everything not listed', async () => {
    await assertFails(read(pp('platform_governor'), 'health_status/current'));
  });
});
