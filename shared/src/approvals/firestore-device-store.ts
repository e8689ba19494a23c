import { createHash } from 'node:crypto';
import { Timestamp, type Firestore } from '@google-cloud/firestore';
import { queryDocuments } from '../gcp/firestore-documents';
import type { Device, DeviceStore } from './device-store';

const sendId = (eventId: string, device: Device) =>
  createHash('sha256').update(`${eventId}\n${device.uid}\n${device.id}`).digest('hex').slice(0, 40);

/**
 * `devices/{uid}~{id}` (one per install, the token replaced on refresh) and
 * `notification_sends/{hash}` (what reached which device, deleted by TTL after 7 days).
 */
export class FirestoreDeviceStore implements DeviceStore {
  constructor(private readonly db: Firestore) {}

  private ref(uid: string, id: string) {
    return this.db.collection('devices').doc(`${uid}~${id}`);
  }
  async put(device: Device) {
    await this.ref(device.uid, device.id).set(device);
  }
  async remove(uid: string, id: string) {
    const ref = this.ref(uid, id);
    const existed = (await ref.get()).exists;
    await ref.delete();
    return existed;
  }
  async withRole(role: string, limit: number) {
    return queryDocuments<Device>(this.db.collection('devices').where('roles', 'array-contains', role).limit(limit));
  }
  async inTenant(tenant: string, role: string, limit: number) {
    return queryDocuments<Device>(
      this.db.collection('devices').where('tenant', '==', tenant).where('roles', 'array-contains', role).limit(limit),
    );
  }
  async wasSent(eventId: string, device: Device) {
    return (await this.db.collection('notification_sends').doc(sendId(eventId, device)).get()).exists;
  }
  async markSent(eventId: string, device: Device) {
    await this.db
      .collection('notification_sends')
      .doc(sendId(eventId, device))
      .set({ eventId, uid: device.uid, expireAt: Timestamp.fromMillis(Date.now() + 7 * 86_400_000) });
  }
}
