import {
  deliver,
  type DeliveryCounts,
  type DeliveryDeps,
  type PreferencesStore,
  type TenantNoticeType,
} from '@backbone/shared/approvals';
import { noticeText } from './messages';

/** A notice is news for a day: a phone that was off longer gets the portal, not a stale push (000#34). */
export const NOTICE_HOURS = 24;
const RECIPIENTS_PER_TENANT = 500;

export interface CustomerNoticeDeps extends DeliveryDeps {
  preferences: PreferencesStore;
}

type NoticeData =
  | { tenant: string; incidentId: string; state: 'opened' | 'resolved'; severity: string }
  | { tenant: string; period: string; thresholdPercent: number }
  | { tenant: string; invoiceId: string; number: string | null }
  | { tenant: string; creditNoteId: string }
  | { tenant: string; archiveId: string; expiresAt: string };

interface NoticeEvent {
  id: string;
  type: TenantNoticeType;
  data: NoticeData;
}

/** Who hears of it (with what inherits the role: a tenant admin holds billing_admin) and how it is named. */
function shape(event: NoticeEvent) {
  const d = event.data;
  if ('incidentId' in d)
    return { role: 'tenant_admin', key: d.incidentId, detail: d.incidentId, state: d.state, reference: d.incidentId };
  if ('thresholdPercent' in d)
    return {
      role: 'billing_admin',
      key: `budget-${d.period}-${d.thresholdPercent}`,
      detail: String(d.thresholdPercent),
      reference: `budget ${d.period}`,
    };
  if ('archiveId' in d)
    return { role: 'tenant_admin', key: d.archiveId, detail: d.expiresAt.slice(0, 10), reference: d.archiveId };
  if ('invoiceId' in d)
    return { role: 'billing_admin', key: d.invoiceId, detail: d.number ?? d.invoiceId, reference: d.invoiceId };
  return { role: 'billing_admin', key: d.creditNoteId, detail: d.creditNoteId, reference: d.creditNoteId };
}

/**
 * One notice to the people of its tenant who hold the role it concerns, by the channels each
 * chose, in their language; never to another tenant's people (the query names the tenant).
 */
export async function notifyTenant(deps: CustomerNoticeDeps, event: NoticeEvent, now: Date): Promise<DeliveryCounts> {
  const { role, key, detail, state, reference } = shape(event);
  const tenant = event.data.tenant;
  const [devices, people] = await Promise.all([
    deps.devices.inTenant(tenant, role, RECIPIENTS_PER_TENANT),
    deps.preferences.inTenant(tenant, role, RECIPIENTS_PER_TENANT),
  ]);
  const expiresAt = new Date(now.getTime() + NOTICE_HOURS * 3_600_000);
  return deliver(
    deps,
    {
      eventId: event.id,
      devices,
      people,
      text: (language) => noticeText(language, event.type, { detail, ...(state ? { state } : {}) }),
      reference,
      data: { type: event.type, ref: key, expiresAt: expiresAt.toISOString() },
      collapseKey: key,
      expiresAt,
    },
    now,
  );
}
