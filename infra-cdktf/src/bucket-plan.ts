import type { Environment } from '../environments';
import type { LifecycleBucketProps } from './constructs/lifecycle-bucket';

const DAY = 86_400;

export interface BucketPlan {
  key: string;
  purpose: string;
  lifecycleText: string;
  props: Omit<LifecycleBucketProps, 'env' | 'location'>;
}

/** Every bucket, its lifecycle, and a sentence saying it (for the generated docs). */
export function bucketPlan(env: Environment): BucketPlan[] {
  return [
    {
      key: 'function-sources',
      purpose: 'Function bundles (zipped `dist/<name>`), one object per bundle hash',
      lifecycleText: 'Deleted 90 days after upload (deploys reference the newest).',
      props: {
        purpose: 'function-sources',
        lifecycle: [{ condition: { age: 90 }, action: { type: 'Delete' } }],
      },
    },
    {
      key: 'agent-workspaces',
      purpose: 'Agent workspaces: `agents/{agent_id}/state/` (000#8)',
      lifecycleText: 'Versioned; a replaced version is kept 30 days, and at most 5 are kept.',
      props: {
        purpose: 'agent-workspaces',
        versioning: true,
        lifecycle: [
          { condition: { daysSinceNoncurrentTime: 30 }, action: { type: 'Delete' } },
          { condition: { numNewerVersions: 5 }, action: { type: 'Delete' } },
        ],
      },
    },
    {
      key: 'audit-archive',
      purpose: 'Audit log archive (000#14)',
      lifecycleText: `Standard for 30 days, Nearline until 180 days, then Coldline; 7-year retention policy${env.lockAuditRetention ? ', locked' : ' (unlocked here; locked in prod)'}.`,
      props: {
        purpose: 'audit-archive',
        retentionSeconds: 7 * 365 * DAY,
        lockRetention: env.lockAuditRetention,
        lifecycle: [
          {
            condition: { age: 30, matchesStorageClass: ['STANDARD'] },
            action: { type: 'SetStorageClass', storageClass: 'NEARLINE' },
          },
          {
            condition: { age: 180, matchesStorageClass: ['NEARLINE'] },
            action: { type: 'SetStorageClass', storageClass: 'COLDLINE' },
          },
        ],
      },
    },
    {
      key: 'scraped-content',
      purpose: 'Scraped knowledge pages, versioned paths per source',
      lifecycleText: 'Nearline after 90 days; deleted after 2 years.',
      props: {
        purpose: 'scraped-content',
        lifecycle: [
          {
            condition: { age: 90, matchesStorageClass: ['STANDARD'] },
            action: { type: 'SetStorageClass', storageClass: 'NEARLINE' },
          },
          { condition: { age: 730 }, action: { type: 'Delete' } },
        ],
      },
    },
    {
      key: 'subscription-archives',
      purpose: 'Archives of cancelled subscriptions (000#35)',
      lifecycleText: 'Deleted 30 days after archiving.',
      props: {
        purpose: 'subscription-archives',
        lifecycle: [{ condition: { age: 30 }, action: { type: 'Delete' } }],
      },
    },
  ];
}
