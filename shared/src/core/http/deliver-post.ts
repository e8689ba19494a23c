import { InvalidEventError, TransientError } from '../errors/app-errors';

/** One POST a consumer makes to a partner for an event: an e-mail, a certification request. */
export interface DeliveryPost {
  /** Who is called, as errors name it. */
  service: string;
  /** What a refusal refused, as errors name it: "the e-mail". */
  what: string;
  url: string | URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  fetcher?: typeof fetch;
  /** Answers besides 2xx that mean it is taken (409: the partner has it already). */
  alsoDone?: readonly number[];
}

/**
 * Makes the POST within its timeout. 2xx (and `alsoDone`) is done. A network failure, a timeout,
 * 408, 429 and 5xx are transient: Pub/Sub delivers the event again with backoff. Any other answer
 * is permanent, and the event is dead-lettered.
 */
export async function deliverPost(post: DeliveryPost): Promise<void> {
  let res: Response;
  try {
    res = await (post.fetcher ?? fetch)(post.url, {
      method: 'POST',
      headers: post.headers,
      body: post.body,
      signal: AbortSignal.timeout(post.timeoutMs),
    });
  } catch (error) {
    throw new TransientError(`${post.service} is unreachable: ${(error as Error).name}`, error);
  }
  await res.body?.cancel();
  if (res.ok || post.alsoDone?.includes(res.status)) return;
  if (res.status === 408 || res.status === 429 || res.status >= 500)
    throw new TransientError(`${post.service} answered ${res.status}; it will be delivered again.`);
  throw new InvalidEventError(`${post.service} refused ${post.what} with ${res.status}.`);
}
