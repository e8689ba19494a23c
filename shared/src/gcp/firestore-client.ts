import { Firestore } from '@google-cloud/firestore';

/**
 * The Firestore client. With FIRESTORE_EMULATOR_HOST set (local runs, tests) the client
 * talks to the emulator without credentials.
 */
export function createFirestore(projectId: string, databaseId?: string): Firestore {
  return new Firestore({
    projectId,
    ignoreUndefinedProperties: true,
    preferRest: false,
    ...(databaseId ? { databaseId } : {}),
  });
}
