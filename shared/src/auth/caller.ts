import { z } from 'zod';
import { PLATFORM_ROLES } from '../policy/roles';

/** Who is calling, once their credentials are verified. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; uid: string; portal: 'CP' | 'PP'; tenant: string; roles: string[]; email?: string }
  | { kind: 'service'; email: string; subject: string };

/** The custom claims Backbone sets on Firebase Auth users (roles and tenant live there). */
export const UserClaimsSchema = z.object({
  portal: z.enum(['CP', 'PP']),
  tenant: z.string().min(1),
  roles: z.array(z.enum(PLATFORM_ROLES as [string, ...string[]])).default([]),
});

export type RouteAccess = 'public' | 'user' | 'service';
