import type { BreakGlassGrant } from './break-glass';

/** Break-glass grants, with the key (requester, action, resource) of the latest one. */
export interface BreakGlassStore {
  create(grant: BreakGlassGrant): Promise<void>;
  get(id: string): Promise<BreakGlassGrant | undefined>;
  /** Read, change and write atomically (null: nothing written); errors from `change` reach the caller. */
  update(id: string, change: (grant: BreakGlassGrant) => BreakGlassGrant | null): Promise<BreakGlassGrant | undefined>;
  /** The latest grant for this key, if any. */
  latest(key: string): Promise<BreakGlassGrant | undefined>;
  /** Newest first. */
  list(limit: number): Promise<BreakGlassGrant[]>;
}
