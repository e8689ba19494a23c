import { EnvironmentSchema, environments } from '../environments';

describe('environments', () => {
  it('declares dev, staging and prod, and locks the audit archive only in prod', () => {
    expect(environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(environments.filter((e) => e.lockAuditRetention).map((e) => e.name)).toEqual(['prod']);
  });

  it('refuses an environment with bad values, listing each', () => {
    const result = EnvironmentSchema.safeParse({
      ...environments[0],
      projectId: 'Not A Project',
      region: 'mars',
      backupRetentionDays: 0,
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'backupRetentionDays',
      'projectId',
      'region',
    ]);
  });
});
