import type { Device, DeviceStore } from './device-store';

/** The DeviceStore contract in memory. */
export class MemoryDeviceStore implements DeviceStore {
  readonly devices = new Map<string, Device>();
  readonly sent = new Set<string>();
  async put(device: Device) {
    this.devices.set(`${device.uid}~${device.id}`, structuredClone(device));
  }
  async remove(uid: string, id: string) {
    return this.devices.delete(`${uid}~${id}`);
  }
  async withRole(role: string, limit: number) {
    return [...this.devices.values()]
      .filter((d) => d.roles.includes(role))
      .slice(0, limit)
      .map((d) => structuredClone(d));
  }
  async inTenant(tenant: string, role: string, limit: number) {
    return (await this.withRole(role, Infinity)).filter((d) => d.tenant === tenant).slice(0, limit);
  }
  async wasSent(eventId: string, device: Device) {
    return this.sent.has(`${eventId}~${device.uid}~${device.id}`);
  }
  async markSent(eventId: string, device: Device) {
    this.sent.add(`${eventId}~${device.uid}~${device.id}`);
  }
}
