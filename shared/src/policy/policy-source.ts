import type { PolicySetSource } from './policy-engine';

/** Where the active policy set is published; `watch` calls back on every new version until stopped. */
export interface PolicySource {
  watch(onPolicySet: (source: unknown) => void, onError: (error: unknown) => void): () => void;
  publish(source: PolicySetSource): Promise<void>;
}
