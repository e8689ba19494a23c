import { z } from 'zod';
import { toFieldIssues } from '../core/errors/zod-issues';
import type { Logger } from '../core/logging/logger';
import { PolicyEngine, type PolicySetSource } from './policy-engine';

/** A published policy set as stored (zod at the edge: a malformed document is refused, not loaded). */
export const PolicySetDocumentSchema = z.object({
  version: z.string().min(1).max(64),
  schema: z.string().min(1),
  files: z.record(z.string().regex(/^[\w.-]+\.cedar$/), z.string()),
});

/**
 * The engine in use. A new policy set replaces it only if it parses and validates against the
 * schema; an invalid one is logged and the running version stays.
 */
export class PolicyHolder {
  constructor(private current: PolicyEngine) {}

  get engine(): PolicyEngine {
    return this.current;
  }

  offer(document: unknown, log: Logger): boolean {
    const parsed = PolicySetDocumentSchema.safeParse(document);
    if (!parsed.success) {
      log.error('policy set refused: malformed document', {
        issues: toFieldIssues(parsed.error),
        keeping: this.current.version,
      });
      return false;
    }
    if (parsed.data.version === this.current.version) return true;
    try {
      this.current = PolicyEngine.load(parsed.data as PolicySetSource);
      log.info('policy set activated', { version: parsed.data.version });
      return true;
    } catch (error) {
      log.error('policy set refused: invalid policies', {
        version: parsed.data.version,
        error,
        keeping: this.current.version,
      });
      return false;
    }
  }
}
