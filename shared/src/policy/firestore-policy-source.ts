import type { Firestore } from '@google-cloud/firestore';
import type { Logger } from '../core/logging/logger';
import { DEFAULT_POLICY_SET } from './default-policies';
import { PolicyEngine, type PolicySetSource } from './policy-engine';
import { PolicyHolder } from './policy-holder';
import type { PolicySource } from './policy-source';

/**
 * The active policy set in `policy_sets/active`, with every published version kept in
 * `policy_sets/active/versions/{version}`. A snapshot listener is the `policy_updated` signal:
 * every running instance sees a new version within moments of its publication.
 */
export class FirestorePolicySource implements PolicySource {
  constructor(private readonly db: Firestore) {}

  watch(onPolicySet: (source: unknown) => void, onError: (error: unknown) => void): () => void {
    return this.db
      .collection('policy_sets')
      .doc('active')
      .onSnapshot((snap) => {
        if (snap.exists) onPolicySet(snap.data());
      }, onError);
  }

  async publish(source: PolicySetSource): Promise<void> {
    const active = this.db.collection('policy_sets').doc('active');
    const batch = this.db.batch();
    batch.create(active.collection('versions').doc(source.version), { ...source, publishedAt: new Date() });
    batch.set(active, source);
    await batch.commit();
  }
}

/**
 * The policies every deciding function uses: the shipped set until a published version arrives,
 * then each valid published version, swapped in by a snapshot listener (an invalid one is refused).
 */
export function watchedPolicyHolder(db: Firestore, logger: Logger): PolicyHolder {
  const holder = new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET));
  new FirestorePolicySource(db).watch(
    (document) => holder.offer(document, logger),
    (error) => logger.error('policy set listener failed; keeping the current version', { error }),
  );
  return holder;
}
