// Dependencies: which down services are root causes, so the ones depending on them are impacted, not down.
import type { ServiceDefinition, ServiceStatus } from '@backbone/shared/health';

/** Down services whose own dependencies are all up: the root causes. */
export function rootCauses(
  id: string,
  own: Map<string, ServiceStatus>,
  byId: Map<string, ServiceDefinition>,
): string[] {
  const roots = new Set<string>();
  const seen = new Set<string>([id]);
  const visit = (serviceId: string): void => {
    for (const dep of byId.get(serviceId)?.dependsOn ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      if (own.get(dep) !== 'down') continue;
      const deeper = roots.size;
      visit(dep);
      if (roots.size === deeper && !hasDownDependency(dep, own, byId)) roots.add(dep);
    }
  };
  visit(id);
  return [...roots].sort();
}

function hasDownDependency(id: string, own: Map<string, ServiceStatus>, byId: Map<string, ServiceDefinition>): boolean {
  return (byId.get(id)?.dependsOn ?? []).some((dep) => own.get(dep) === 'down');
}
