import { readFileSync } from 'node:fs';
import { Construct } from 'constructs';
import { FirestoreBackupSchedule } from '@cdktf/provider-google/lib/firestore-backup-schedule';
import { FirestoreDatabase } from '@cdktf/provider-google/lib/firestore-database';
import { FirestoreField } from '@cdktf/provider-google/lib/firestore-field';
import { FirestoreIndex } from '@cdktf/provider-google/lib/firestore-index';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { z } from 'zod';
import type { Environment } from '../../environments';

/** The shape of firestore.indexes.json (the Firebase CLI's), the one list of indexes. */
const IndexFileSchema = z.object({
  indexes: z.array(
    z.object({
      collectionGroup: z.string(),
      queryScope: z.enum(['COLLECTION', 'COLLECTION_GROUP']).default('COLLECTION'),
      fields: z.array(
        z.object({
          fieldPath: z.string(),
          order: z.enum(['ASCENDING', 'DESCENDING']).optional(),
          arrayConfig: z.literal('CONTAINS').optional(),
          vectorConfig: z.object({ dimension: z.number().int().positive(), flat: z.object({}) }).optional(),
        }),
      ),
    }),
  ),
  fieldOverrides: z
    .array(
      z.object({
        collectionGroup: z.string(),
        fieldPath: z.string(),
        ttl: z.boolean().optional(),
        indexes: z
          .array(
            z.object({
              order: z.enum(['ASCENDING', 'DESCENDING']).optional(),
              arrayConfig: z.literal('CONTAINS').optional(),
              queryScope: z.enum(['COLLECTION', 'COLLECTION_GROUP']).default('COLLECTION'),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});

export interface FirestoreDataProps {
  env: Environment;
  indexFile: string;
}

/**
 * The Firestore database (native mode, point-in-time recovery on), every index and TTL policy
 * of firestore.indexes.json, and a daily backup schedule (000#49).
 */
export class FirestoreData extends Construct {
  readonly database: FirestoreDatabase;

  constructor(scope: Construct, id: string, props: FirestoreDataProps) {
    super(scope, id);
    const { env } = props;
    this.database = new FirestoreDatabase(this, 'database', {
      name: '(default)',
      locationId: env.firestoreLocation,
      type: 'FIRESTORE_NATIVE',
      concurrencyMode: 'PESSIMISTIC',
      pointInTimeRecoveryEnablement: 'POINT_IN_TIME_RECOVERY_ENABLED',
      deleteProtectionState: env.deletionProtection ? 'DELETE_PROTECTION_ENABLED' : 'DELETE_PROTECTION_DISABLED',
      deletionPolicy: env.deletionProtection ? 'ABANDON' : 'DELETE',
    });
    const file = IndexFileSchema.parse(JSON.parse(readFileSync(props.indexFile, 'utf8')));
    file.indexes.forEach((index, i) => {
      new FirestoreIndex(this, `index-${i}`, {
        database: this.database.name,
        collection: index.collectionGroup,
        queryScope: index.queryScope,
        fields: index.fields.map((f) => ({
          fieldPath: f.fieldPath,
          ...(f.order ? { order: f.order } : {}),
          ...(f.arrayConfig ? { arrayConfig: f.arrayConfig } : {}),
          ...(f.vectorConfig ? { vectorConfig: { dimension: f.vectorConfig.dimension, flat: {} } } : {}),
        })),
      });
    });
    for (const override of file.fieldOverrides.filter((o) => o.ttl)) {
      new FirestoreField(this, `ttl-${override.collectionGroup}-${override.fieldPath}`, {
        database: this.database.name,
        collection: override.collectionGroup,
        field: override.fieldPath,
        ttlConfig: {},
        // A TTL field needs no single-field index: writes stay cheap.
        indexConfig: {},
      });
    }
    // Fields no query reads and whose index entries would cost writes or hot-spot (a timestamp
    // rising at the audit intake's rate, the chain's tiles of nested entries): not indexed.
    for (const override of file.fieldOverrides.filter((o) => !o.ttl && o.indexes?.length === 0)) {
      new FirestoreField(this, `unindexed-${override.collectionGroup}-${override.fieldPath}`, {
        database: this.database.name,
        collection: override.collectionGroup,
        field: override.fieldPath,
        indexConfig: {},
      });
    }
    // Fields whose single-field indexes differ from the defaults (a collection-group range, e.g.
    // every tenant's rollups of a period for the peer benchmarks): exactly the listed ones.
    for (const override of file.fieldOverrides.filter((o) => !o.ttl && o.indexes.length > 0)) {
      new FirestoreField(this, `indexed-${override.collectionGroup}-${override.fieldPath}`, {
        database: this.database.name,
        collection: override.collectionGroup,
        field: override.fieldPath,
        indexConfig: {
          indexes: override.indexes.map((i) => ({
            queryScope: i.queryScope,
            ...(i.order ? { order: i.order } : {}),
            ...(i.arrayConfig ? { arrayConfig: i.arrayConfig } : {}),
          })),
        },
      });
    }
    new FirestoreBackupSchedule(this, 'daily-backup', {
      database: this.database.name,
      retention: `${env.backupRetentionDays * 86_400}s`,
      dailyRecurrence: {},
    });
    // The restore drill (npm run drill:restore -- --production): restores a backup into a scratch
    // database `drill-*`, reads it and deletes it; it can touch no other database.
    const drill = new ServiceAccount(this, 'restore-drill', {
      accountId: 'restore-drill',
      displayName: 'Backbone restore drill',
      description: 'Restores Firestore backups into drill-* scratch databases, reads and deletes them (000#49).',
    });
    const grant = (id: string, role: string, condition?: { title: string; expression: string }) =>
      new ProjectIamMember(this, id, {
        project: env.projectId,
        role,
        member: drill.member,
        ...(condition ? { condition } : {}),
      });
    grant('drill-restores', 'roles/datastore.restoreAdmin');
    grant('drill-lists-backups', 'roles/datastore.backupsViewer');
    grant('drill-owns-scratch', 'roles/datastore.owner', {
      title: 'drill-scratch-databases-only',
      expression: `resource.name.startsWith("projects/${env.projectId}/databases/drill-")`,
    });
  }
}
