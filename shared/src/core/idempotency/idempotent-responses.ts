/** A response as stored for replay: masked, so no secret shown once (a new API key) is kept. */
export interface StoredResponse {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type IdempotentStart =
  { kind: 'new' } | { kind: 'replay'; response: StoredResponse } | { kind: 'in-progress' } | { kind: 'mismatch' };

/**
 * What a caller's `Idempotency-Key` did: the first request with a key runs and its response is
 * kept (24 h); a retry with the same key and request gets that response again, without running.
 */
export interface IdempotentResponses {
  /** `key` is already scoped to the caller; `fingerprint` identifies the request (route and body). */
  start(key: string, fingerprint: string): Promise<IdempotentStart>;
  finish(key: string, response: StoredResponse): Promise<void>;
}
