import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendGridEmailSender } from '../src/approvals/sendgrid-email-sender';

const message = {
  to: 'gov@platform.example',
  subject: 'Approval requested',
  text: 'A delete of customer-42 waits for you.',
  idempotencyKey: 'apr_1:requested:gov',
};

/** A stand-in for SendGrid's Mail Send API on loopback: answers `status`, or never answers. */
async function sendGrid(status: number | 'hang') {
  const received: { path?: string; headers: IncomingMessage['headers']; body: unknown }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      if (status !== 'hang') res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise((r) => server.close(r)) };
}

describe('SendGridEmailSender (the production adapter)', () => {
  it("posts the message to /v3/mail/send with the API key and the step's idempotency key", async () => {
    const api = await sendGrid(202);
    await new SendGridEmailSender('SG.key', 'noreply@backbone.example', 2000, fetch, api.url).send(message);
    expect(api.received).toEqual([
      {
        path: '/v3/mail/send',
        headers: expect.objectContaining({ authorization: 'Bearer SG.key', 'content-type': 'application/json' }),
        body: {
          personalizations: [{ to: [{ email: 'gov@platform.example' }] }],
          from: { email: 'noreply@backbone.example' },
          subject: 'Approval requested',
          content: [{ type: 'text/plain', value: 'A delete of customer-42 waits for you.' }],
          custom_args: { idempotency_key: 'apr_1:requested:gov' },
        },
      },
    ]);
    await api.close();
  });

  it.each([
    [202, undefined],
    [408, 'SYS-002'],
    [429, 'SYS-002'],
    [503, 'SYS-002'],
    [400, 'EVENT-001'],
    [401, 'EVENT-001'],
  ])('answers %s as %s (transient: delivered again; otherwise dead-lettered)', async (status, code) => {
    const api = await sendGrid(status);
    const outcome = await new SendGridEmailSender('SG.key', 'noreply@backbone.example', 2000, fetch, api.url)
      .send(message)
      .then(
        () => undefined,
        (e: { code: string }) => e.code,
      );
    expect(outcome).toBe(code);
    await api.close();
  });

  it('gives up on a SendGrid that does not answer within its timeout, as a transient failure', async () => {
    const api = await sendGrid('hang');
    const started = Date.now();
    const error = await new SendGridEmailSender('SG.key', 'noreply@backbone.example', 200, fetch, api.url)
      .send(message)
      .catch((e: { code: string }) => e);
    expect([(error as { code: string }).code, Date.now() - started < 2000]).toEqual(['SYS-002', true]);
    await api.close();
  });
});
