import {
  createHttpHandler,
  parseWith,
  respond,
  routesFrom,
  ValidationError,
  type EventPublisher,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type GatedFunctionDeps } from '@backbone/shared/policy';
import {
  ingestDocument,
  PrecedentSeedSchema,
  splitConstitution,
  splitParagraphs,
  splitPrecedents,
  type Clause,
  type CorpusStore,
  type Embedder,
} from '@backbone/shared/constitution';
import { routes } from './routes';
import { type DocumentUploadSchema } from './schema';
import type { ConstitutionalQuery } from './service';

export interface ConstitutionalDeps extends GatedFunctionDeps {
  query: ConstitutionalQuery;
  store: CorpusStore;
  embedder: Embedder;
  publisher: EventPublisher;
}

export function makeHandler(deps: ConstitutionalDeps, security: HttpSecurity = {}) {
  const gate = new Gatekeeper(deps);
  return createHttpHandler({
    routes: routesFrom(routes, {
      'POST /v1/constitutional/query': async (_ctx, { body }) => respond.json(await deps.query.query(body)),
      'PUT /v1/constitutional/documents/:id': async (ctx, { params, body: upload }) => {
        const { id } = params;
        const clauses = toClauses(id, upload);
        // The constitution and precedents are policy (Platform Governor); knowledge is curated by
        // Industry Managers. Both the upload's kind and the kind already stored under the id decide:
        // a knowledge upload over the constitution is a change to policy.
        const stored = await deps.store.documentKind(id);
        const touchesPolicy = upload.kind !== 'knowledge' || (stored !== undefined && stored !== 'knowledge');
        const result = await gate.run(
          ctx.caller,
          'update',
          { type: 'Component', id: touchesPolicy ? 'policies' : 'knowledge' },
          async () => {
            // The store refuses a change of kind in the write's own transaction (a 409).
            const ingested = await ingestDocument(deps, id, upload.kind, clauses);
            return { result: ingested, details: { documentId: id, kind: upload.kind, ...ingested } };
          },
        );
        return respond.json({ documentId: id, kind: upload.kind, ...result });
      },
    }),
    logger: deps.logger,
    maxBodyBytes: 1024 * 1024,
    ...security,
  });
}

function toClauses(id: string, upload: ReturnType<typeof DocumentUploadSchema.parse>): Clause[] {
  const clauses =
    upload.kind === 'constitution'
      ? splitConstitution(id, upload.markdown)
      : upload.kind === 'precedent'
        ? splitPrecedents(id, parseWith(PrecedentSeedSchema, upload.seed, 'body.seed'))
        : splitParagraphs(id, upload.text);
  if (clauses.length === 0)
    throw new ValidationError(
      upload.kind === 'constitution'
        ? 'No clauses found: articles are "## Article N — Title" and clauses start with "N.M".'
        : 'The document has no text to index.',
    );
  return clauses;
}
