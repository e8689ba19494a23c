import { z } from 'zod';

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'hi'] as const;
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** What a user chose: channels, quiet hours (pushes arrive silently then), language. */
export const PreferencesInputSchema = z
  .object({
    channels: z.object({ push: z.boolean(), email: z.boolean() }).strict().default({ push: true, email: false }),
    quietHours: z
      .object({
        from: Clock,
        to: Clock,
        timeZone: z
          .string()
          .max(64)
          .refine((tz) => validTimeZone(tz), 'an IANA time zone'),
      })
      .strict()
      .nullable()
      .default(null),
    language: z.enum(LANGUAGES).default('en'),
  })
  .strict();
export type PreferencesInput = z.infer<typeof PreferencesInputSchema>;

/** A user's preferences as stored, with what notifying them needs (their roles, their address). */
export interface NotificationPrefs extends PreferencesInput {
  uid: string;
  tenant: string;
  email: string | null;
  roles: string[];
  updatedAt: Date;
}

export const DEFAULT_PREFS: PreferencesInput = {
  channels: { push: true, email: false },
  quietHours: null,
  language: 'en',
};

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Whether `now` falls in the quiet hours (a window may span midnight: 22:00 to 07:00). */
export function inQuietHours(prefs: PreferencesInput, now: Date): boolean {
  if (!prefs.quietHours) return false;
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: prefs.quietHours.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  const { from, to } = prefs.quietHours;
  return from <= to ? local >= from && local < to : local >= from || local < to;
}

/** Where preferences live; found by role like devices (notifications asks who holds the role asked). */
export interface PreferencesStore {
  get(uid: string): Promise<NotificationPrefs | undefined>;
  put(prefs: NotificationPrefs): Promise<void>;
  withRole(role: string, limit: number): Promise<NotificationPrefs[]>;
  inTenant(tenant: string, role: string, limit: number): Promise<NotificationPrefs[]>;
}
