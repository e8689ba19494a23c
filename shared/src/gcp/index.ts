// Google Cloud adapters that several domains and functions share (Firestore, Pub/Sub, Storage,
// Firebase Auth, Google OIDC), and the HTTP security wiring built from them.
export { createFirestore } from './firestore-client';
export { FirestoreIdempotencyStore } from './firestore-idempotency-store';
export { FirestoreFailureRecorder } from './firestore-failure-recorder';
export { PubSubEventPublisher } from './pubsub-event-publisher';
export { fromFirestore, readDocument } from './firestore-documents';
export { FirestoreIdempotentResponses } from './firestore-idempotent-responses';
export { FirebaseIdTokenVerifier } from './firebase-id-token-verifier';
export { GoogleOidcVerifier } from './google-oidc-verifier';
export { declaredRoutes, firebaseApp, httpSecurity, type HttpSecurity } from './http-security';
export { FirestoreApiKeyStore } from './firestore-api-key-store';
export { FirestoreRateLimitStore } from './firestore-rate-limit-store';
export { GcsBlobWriter } from './gcs-blob-writer';
export { serveEvents, serveHttp, serveSchedule, type FunctionRuntime, type HttpRuntime } from './serve';
