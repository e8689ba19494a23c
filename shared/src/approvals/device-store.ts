/** A device of a signed-in user that receives approval pushes (000#4). */
export interface Device {
  uid: string;
  /** The user's tenant (`platform` for Platform Portal users). */
  tenant: string;
  /** The client's own id for this install (stable across token refreshes). */
  id: string;
  /** The FCM registration token. */
  token: string;
  platform: 'android' | 'ios' | 'web';
  /** The user's roles with everything they inherit: who the device is notified for. */
  roles: string[];
  registeredAt: Date;
  /** The last time the app refreshed its registration. */
  lastSeenAt: Date;
}

/** FCM drops a token inactive for 270 days; a device not seen for that long is pruned. */
export const STALE_DEVICE_DAYS = 270;

/** The device-token registry, and which event reached which device (so a redelivery sends nothing twice). */
export interface DeviceStore {
  put(device: Device): Promise<void>;
  remove(uid: string, id: string): Promise<boolean>;
  /** Devices whose user holds `role`. */
  withRole(role: string, limit: number): Promise<Device[]>;
  /** Devices of a tenant's users who hold `role` (a customer notice's recipients). */
  inTenant(tenant: string, role: string, limit: number): Promise<Device[]>;
  /** Whether `eventId` was sent to the device; `markSent` records that it was. */
  wasSent(eventId: string, device: Device): Promise<boolean>;
  markSent(eventId: string, device: Device): Promise<void>;
}
