import { pinnedNodeMajor } from '../../scripts/local/node-major';

/**
 * Cloud Run functions' Node.js runtimes and the day each stops accepting deploys
 * (Google's runtime support schedule). A runtime past its date cannot be created or updated.
 */
export const NODE_RUNTIME_DECOMMISSION: Record<string, string> = {
  nodejs20: '2026-10-30',
  nodejs22: '2027-10-31',
  nodejs24: '2028-10-31',
};

/** The runtime functions deploy on: the Node major the repository pins, so what deploys is what was tested. */
export function pinnedNodeRuntime(): string {
  return `nodejs${pinnedNodeMajor()}`;
}

/** Refuses a runtime Google has decommissioned, or does not list, on the given day. */
export function assertDeployable(runtime: string, today: Date): void {
  const until = NODE_RUNTIME_DECOMMISSION[runtime];
  if (!until) throw new Error(`${runtime} is not a Cloud Run functions Node.js runtime this stack knows`);
  if (today >= new Date(`${until}T00:00:00Z`))
    throw new Error(`${runtime} was decommissioned on ${until}: functions on it cannot be deployed`);
}
