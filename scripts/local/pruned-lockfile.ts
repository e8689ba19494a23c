/**
 * A deploy bundle's package-lock.json: the repository's lockfile cut down to the packages the
 * bundle's dependencies need, at the very versions (and integrity hashes) tests ran with, so Cloud
 * Build's `npm ci` installs what was tested instead of resolving ranges afresh.
 */
export interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [key: string]: unknown;
}
export interface Lockfile {
  name?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** Where Node resolves `name` from the package installed at `from` (`''` is the root). */
export function resolveInLock(packages: Lockfile['packages'], from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

export function prunedLockfile(root: Lockfile, name: string, dependencies: Record<string, string>): Lockfile {
  const kept = new Map<string, LockEntry>();
  const required = new Map<string, boolean>(); // path -> reached only through optional edges
  const queue: { from: string; dep: string; optional: boolean }[] = Object.keys(dependencies).map((dep) => ({
    from: '',
    dep,
    optional: false,
  }));
  while (queue.length > 0) {
    const { from, dep, optional } = queue.shift()!;
    const at = resolveInLock(root.packages, from, dep);
    if (!at) {
      if (optional) continue;
      throw new Error(`${name}: '${dep}' (needed by ${from || 'the bundle'}) is not in package-lock.json`);
    }
    const seenOptional = required.get(at);
    if (seenOptional !== undefined && (seenOptional === optional || !seenOptional)) continue;
    required.set(at, optional);
    const entry = root.packages[at]!;
    kept.set(at, entry);
    for (const d of Object.keys(entry.dependencies ?? {})) queue.push({ from: at, dep: d, optional });
    for (const d of Object.keys(entry.optionalDependencies ?? {})) queue.push({ from: at, dep: d, optional: true });
    for (const d of Object.keys(entry.peerDependencies ?? {}))
      queue.push({
        from: at,
        dep: d,
        optional: optional || entry.peerDependenciesMeta?.[d]?.optional === true,
      });
  }
  const packages: Lockfile['packages'] = { '': { name, dependencies } };
  for (const at of [...kept.keys()].sort()) {
    // The root's dev/optional flags describe the repository, not the bundle.
    const { dev: _dev, devOptional: _devOptional, optional: _optional, peer: _peer, ...entry } = kept.get(at)!;
    packages[at] = required.get(at) ? { ...entry, optional: true } : entry;
  }
  return { name, lockfileVersion: 3, requires: true, packages };
}
