import type { ServiceDefinition } from '../health/health-schemas';
import type { HealthProber, ProbeObservation } from '../ports/health-prober';

const MAX_BODY_BYTES = 64 * 1024;

/** Checks services with Node's fetch (undici), the whole exchange bounded by the service's timeout. */
export class FetchHealthProber implements HealthProber {
  constructor(private readonly userAgent = 'Backbone-HealthAggregator/1.0') {}

  async probe(service: ServiceDefinition): Promise<ProbeObservation> {
    const started = performance.now();
    const signal = AbortSignal.timeout(service.timeoutMs);
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const response = await fetch(service.url, {
        method: service.method,
        signal,
        redirect: 'manual',
        headers: { 'user-agent': this.userAgent, accept: 'application/json, text/plain;q=0.9, */*;q=0.1' },
      });
      let body: string | undefined;
      if (service.bodyCondition) body = await readLimited(response);
      else await response.body?.cancel();
      return { httpStatus: response.status, latencyMs: elapsed(), ...(body !== undefined ? { body } : {}) };
    } catch (error) {
      const timedOut =
        signal.aborted ||
        (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
      return { httpStatus: null, latencyMs: elapsed(), failure: timedOut ? 'timeout' : 'connection' };
    }
  }
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}
