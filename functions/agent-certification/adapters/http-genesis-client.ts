import { deliverPost, injectTrace, inSpan, SpanKind } from '@backbone/shared/core';
import {
  CertificationRequestSchema,
  GENESIS_SIGNATURE_HEADER,
  signGenesis,
  type CertificationRequest,
} from '@backbone/shared/agents';
import type { GenesisClient } from '../genesis-client';

/**
 * `POST {baseUrl}/v1/certifications` with the request validated against the contract and signed
 * (Genesis-Signature over the exact body sent), within a timeout. 2xx and 409 (Genesis has it
 * already) are done; 408, 429 and 5xx, a timeout or a network failure are transient (Pub/Sub
 * delivers again with backoff); any other 4xx is permanent (dead-lettered, the agent stays submitted).
 */
export class HttpGenesisClient implements GenesisClient {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  /** A CLIENT span, its `traceparent` sent along: Genesis may join the trace. */
  requestCertification(request: CertificationRequest): Promise<void> {
    return inSpan('genesis POST /v1/certifications', { kind: SpanKind.CLIENT }, () => this.send(request));
  }

  private async send(request: CertificationRequest): Promise<void> {
    const body = JSON.stringify(CertificationRequestSchema.parse(request));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [GENESIS_SIGNATURE_HEADER]: signGenesis(this.secret, body),
      'idempotency-key': request.requestId,
    };
    injectTrace(headers);
    await deliverPost({
      service: 'Genesis',
      what: 'the certification request',
      url: new URL('/v1/certifications', this.baseUrl),
      headers,
      body,
      timeoutMs: this.timeoutMs,
      fetcher: this.fetcher,
      alsoDone: [409],
    });
  }
}
