import type { NotificationPrefs, PreferencesStore } from './notification-prefs';

/** The PreferencesStore contract in memory. */
export class MemoryPreferencesStore implements PreferencesStore {
  readonly prefs = new Map<string, NotificationPrefs>();
  async get(uid: string) {
    return structuredClone(this.prefs.get(uid));
  }
  async put(prefs: NotificationPrefs) {
    this.prefs.set(prefs.uid, structuredClone(prefs));
  }
  async withRole(role: string, limit: number) {
    return [...this.prefs.values()]
      .filter((p) => p.roles.includes(role))
      .slice(0, limit)
      .map((p) => structuredClone(p));
  }
  async inTenant(tenant: string, role: string, limit: number) {
    return (await this.withRole(role, Infinity)).filter((p) => p.tenant === tenant).slice(0, limit);
  }
}
