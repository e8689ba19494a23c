import { z } from 'zod';
import { unsafeText } from '../core/http/text-safety';

/** Tenant and agent ids as the registry keeps them: safe as one object-name segment. */
export const SegmentSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'letters, digits, - and _');

/**
 * A file's path inside an agent's workspace: relative, `/`-separated, no empty, `.` or `..`
 * segment, no control character (NUL included) and no lone surrogate, at most 512 bytes in UTF-8
 * (a GCS object name may have 1,024, and the prefix takes the rest).
 */
export const FilePathSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => unsafeText(p) === undefined, 'well-formed Unicode without NUL')
  .refine((p) => Buffer.byteLength(p) <= 512, 'at most 512 bytes in UTF-8')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'no control characters')
  .refine((p) => !p.startsWith('/') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), {
    message: 'a relative path without empty, . or .. segments',
  });

/** Everything a tenant has in the workspace bucket. */
export const tenantPrefix = (tenant: string) => `tenants/${tenant}/agents/`;
/** One agent's workspace: `tenants/{tenant}/agents/{agent}/state/`. */
export const workspacePrefix = (tenant: string, agent: string) => `tenants/${tenant}/agents/${agent}/state/`;
