import { Construct } from 'constructs';
import { StorageBucket, type StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import type { Environment } from '../../environments';
import { labelsFor } from '../labels';

export interface LifecycleBucketProps {
  env: Environment;
  /** Short purpose, part of the name: `<project>-<purpose>`. */
  purpose: string;
  location: string;
  versioning?: boolean;
  lifecycle?: StorageBucketLifecycleRule[];
  /** Objects cannot be deleted or replaced before this many seconds. */
  retentionSeconds?: number;
  lockRetention?: boolean;
}

/**
 * A bucket with Backbone's invariants: uniform access, public access prevention enforced,
 * cost labels, and its lifecycle declared beside it.
 */
export class LifecycleBucket extends Construct {
  readonly bucket: StorageBucket;

  constructor(scope: Construct, id: string, props: LifecycleBucketProps) {
    super(scope, id);
    this.bucket = new StorageBucket(this, 'bucket', {
      name: `${props.env.projectId}-${props.purpose}`,
      location: props.location,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: !props.env.deletionProtection,
      labels: labelsFor(props.env, props.purpose),
      ...(props.versioning ? { versioning: { enabled: true } } : {}),
      ...(props.lifecycle ? { lifecycleRule: props.lifecycle } : {}),
      ...(props.retentionSeconds
        ? {
            retentionPolicy: {
              retentionPeriod: props.retentionSeconds,
              isLocked: props.lockRetention ?? false,
            },
          }
        : {}),
    });
  }
}
