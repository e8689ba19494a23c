import { ValidationError, type FieldIssue } from '@backbone/shared/core';
import { AgentIdSchema, AgentSpecSchema, SemverSchema } from '@backbone/shared/agents';
import { maskedText, toFieldIssues } from '@backbone/shared/core';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { SpecialtyInputSchema } from './schema';

/**
 * An agent file as the platform keeps them today (`backend/config/agents/*.yaml`, 004§2.1): the
 * agent's identity and one version of its spec, side by side at the top level.
 */
const AgentFileSchema = z
  .object({
    id: AgentIdSchema.optional(),
    name: maskedText(z.string().min(1).max(120)),
    specialty: SpecialtyInputSchema,
    description: maskedText(z.string().max(2000)).default(''),
    version: SemverSchema,
    changelog: maskedText(z.string().max(4000)).default(''),
  })
  .extend(AgentSpecSchema.shape)
  .strict();
export type AgentFile = z.infer<typeof AgentFileSchema> & { id: string };

/** A name made into an id: "Invoice Reconciler" -> "invoice-reconciler". */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * Parses one YAML agent file. YAML is hostile input like JSON: aliases are capped (no "billion
 * laughs"), duplicate keys and custom tags are refused, and every problem names its file.
 */
export function parseAgentFile(name: string, content: string): AgentFile {
  const doc = parseDocument(content, { uniqueKeys: true, schema: 'core', customTags: [], prettyErrors: false });
  const problems: FieldIssue[] = doc.errors.map((e) => ({ path: name, message: `YAML: ${e.message.split('\n')[0]}` }));
  if (problems.length > 0) throw new ValidationError(`${name} is not valid YAML.`, problems);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw new ValidationError(`${name} is not valid YAML.`, [{ path: name, message: (error as Error).message }]);
  }
  const parsed = AgentFileSchema.safeParse(data);
  if (!parsed.success)
    throw new ValidationError(
      `${name} is not a valid agent file.`,
      toFieldIssues(parsed.error).map((i) => ({ ...i, path: `${name}:${i.path}` })),
    );
  const id = parsed.data.id ?? slugOf(parsed.data.name);
  if (!AgentIdSchema.safeParse(id).success)
    throw new ValidationError(`${name}: no id, and the name makes none.`, [
      { path: `${name}:id`, message: 'give an id' },
    ]);
  return { ...parsed.data, id };
}
