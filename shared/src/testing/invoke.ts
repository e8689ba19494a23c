import type { EventEnvelope } from '../core/events/envelope';
import type { IncomingRequest, OutgoingResponse } from '../core/http/http-handler';

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body as bytes (a streamed binary answer, a tar.gz). */
  bytes: Buffer;
  json: () => unknown;
}

/**
 * Calls an HTTP handler in-process with a minimal Express-like request and response: for unit
 * tests of routing and handlers. Integration tests go through the real Functions Framework.
 */
export async function invokeHttp(
  handler: (req: IncomingRequest, res: OutgoingResponse) => Promise<void>,
  request: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | object;
    /** A streamed answer's chunks as they are written; aborting `signal` is the client going away. */
    onChunk?: (chunk: string) => void;
    signal?: AbortSignal;
  },
): Promise<InvokeResult> {
  const rawBody =
    request.body === undefined
      ? undefined
      : Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
  const headers: Record<string, string> = {
    ...(request.body !== undefined && typeof request.body === 'object' ? { 'content-type': 'application/json' } : {}),
  };
  for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
  if (rawBody) headers['content-length'] = String(rawBody.length);
  const out = { status: 200, headers: {} as Record<string, string>, text: '' };
  const chunks: Buffer[] = [];
  const res: OutgoingResponse = {
    headersSent: false,
    status(code) {
      out.status = code;
      return res;
    },
    set(name, value) {
      out.headers[name.toLowerCase()] = value;
      return res;
    },
    send(body) {
      out.text = body.toString();
      chunks.push(Buffer.from(out.text));
      res.headersSent = true;
    },
    end() {
      res.headersSent = true;
    },
    write(chunk) {
      res.headersSent = true;
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      chunks.push(Buffer.from(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
      out.text += text;
      request.onChunk?.(text);
    },
    on(_event, listener) {
      request.signal?.addEventListener('abort', listener);
    },
  };
  await handler({ method: request.method ?? 'GET', url: request.path, headers, ...(rawBody ? { rawBody } : {}) }, res);
  return { ...out, bytes: Buffer.concat(chunks), json: () => JSON.parse(out.text) };
}

/** A Pub/Sub CloudEvent as the Functions Framework delivers it, carrying an envelope (or any data). */
export function pubsubCloudEvent(
  payload: EventEnvelope | string | object,
  messageId = '1',
  attributes?: Record<string, string>,
): unknown {
  const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return {
    id: messageId,
    type: 'google.cloud.pubsub.topic.v1.messagePublished',
    source: '//pubsub.googleapis.com/projects/demo-test/topics/test',
    data: {
      message: { data: Buffer.from(data).toString('base64'), messageId, ...(attributes ? { attributes } : {}) },
      subscription: 'projects/demo-test/subscriptions/test',
    },
  };
}
