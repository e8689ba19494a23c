import { z } from 'zod';

/**
 * The one tenant id format every API, event and record shares: lower-case letters, digits and
 * dashes, 1-63 characters, starting with a letter or digit (a DNS label). Ids become Firestore
 * document ids and Cedar entity ids, so nothing else is accepted anywhere a tenant is named.
 */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const TenantIdSchema = z.string().regex(TENANT_ID_PATTERN, 'a tenant id (a-z, 0-9 and -, at most 63)');
