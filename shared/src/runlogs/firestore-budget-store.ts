import { FieldPath, FieldValue, type Firestore } from '@google-cloud/firestore';
import { fromFirestore } from '../gcp/firestore-documents';
import { activityRef, activityWrite } from './firestore-activity-feed';
import type { NewActivityItem } from './activity';
import { BudgetSchema, type Budget, type BudgetAlert } from './budget';
import type { AlertDelivery, BudgetStore, StoredBudgetAlert } from './budget-store';

/** `budgets/{tenant}` and `budgets/{tenant}/alerts/{period}~{threshold}`. */
export class FirestoreBudgetStore implements BudgetStore {
  constructor(private readonly db: Firestore) {}

  private budgets() {
    return this.db.collection('budgets');
  }
  private alertsOf(tenant: string) {
    return this.budgets().doc(tenant).collection('alerts');
  }

  async get(tenant: string): Promise<Budget | undefined> {
    const snap = await this.budgets().doc(tenant).get();
    return snap.exists ? BudgetSchema.parse(snap.get('budget')) : undefined;
  }

  async put(tenant: string, budget: Budget): Promise<void> {
    await this.budgets().doc(tenant).set({ tenant, budget, updatedAt: FieldValue.serverTimestamp() });
  }

  async list(after: string | undefined, limit: number) {
    let query = this.budgets().orderBy(FieldPath.documentId()).limit(limit);
    if (after) query = query.startAfter(after);
    return (await query.get()).docs.map((d) => ({ tenant: d.id, budget: BudgetSchema.parse(d.get('budget')) }));
  }

  async recordAlert(alert: BudgetAlert, item: NewActivityItem, delivery: AlertDelivery): Promise<boolean> {
    const batch = this.db.batch();
    batch.create(this.alertsOf(alert.tenant).doc(alert.id), { ...alert, delivery, attempts: 0 });
    batch.create(activityRef(this.db, item), activityWrite(item, FieldValue.serverTimestamp()));
    try {
      await batch.commit();
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 6) return false;
      throw error;
    }
  }

  async alerts(tenant: string, period: string): Promise<StoredBudgetAlert[]> {
    const snap = await this.alertsOf(tenant).where('period', '==', period).get();
    return snap.docs.map((d) => fromFirestore(d.data()) as StoredBudgetAlert).sort((a, b) => a.threshold - b.threshold);
  }

  async markAlert(tenant: string, id: string, delivery: AlertDelivery, attempts: number): Promise<void> {
    await this.alertsOf(tenant).doc(id).update({ delivery, attempts });
  }
}
