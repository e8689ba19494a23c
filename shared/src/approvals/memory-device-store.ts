import type { Device, DeviceStore } from './device-store';
import { MemoryRecords } from './memory-records';

/** The DeviceStore contract in memory. */
export class MemoryDeviceStore implements DeviceStore {
  readonly devices = new MemoryRecords<Device>();
  readonly sent = new Set<string>();
  async put(device: Device) {
    this.devices.put(`${device.uid}~${device.id}`, device);
  }
  async remove(uid: string, id: string) {
    return this.devices.byId.delete(`${uid}~${id}`);
  }
  async withRole(role: string, limit: number) {
    return this.devices.select((d) => d.roles.includes(role), undefined, limit);
  }
  async inTenant(tenant: string, role: string, limit: number) {
    return this.devices.select((d) => d.roles.includes(role) && d.tenant === tenant, undefined, limit);
  }
  async wasSent(eventId: string, device: Device) {
    return this.sent.has(`${eventId}~${device.uid}~${device.id}`);
  }
  async markSent(eventId: string, device: Device) {
    this.sent.add(`${eventId}~${device.uid}~${device.id}`);
  }
}
