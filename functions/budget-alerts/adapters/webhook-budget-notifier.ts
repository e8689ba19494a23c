import { createHmac } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isBlockedHostName, isPublicAddress } from '@backbone/shared/core';
import type { BudgetAlert } from '@backbone/shared/runlogs';
import { webhookBody, type BudgetNotifier } from '../budget-notifier';

export const BUDGET_SIGNATURE_HEADER = 'backbone-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: a receiver checks it with the shared secret. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * POSTs the alert, signed, to the tenant's HTTPS webhook within a timeout. The host must resolve
 * to public addresses only, and the connection goes to the address that was checked (no second
 * lookup a rebinding DNS could answer otherwise). No redirect is followed; only a 2xx is delivered.
 */
export class WebhookBudgetNotifier implements BudgetNotifier {
  constructor(
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async send(url: string, alert: BudgetAlert): Promise<void> {
    const target = new URL(url);
    if (target.protocol !== 'https:') throw new Error('budget webhooks are HTTPS only');
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isBlockedHostName(host)) throw new Error(`webhook host ${host} is not public`);
    const addresses = await dnsLookup(host, { all: true, verbatim: true });
    const address = addresses[0];
    if (!address || addresses.some((a) => !isPublicAddress(a.address)))
      throw new Error(`webhook host ${host} does not resolve to public addresses only`);
    const lookup: LookupFunction = (_name, options, callback) => {
      if ((options as { all?: boolean }).all) callback(null, [address]);
      else callback(null, address.address, address.family);
    };
    const body = JSON.stringify(webhookBody(alert));
    const signature = signWebhook(this.secret, body, Math.floor(this.now() / 1000));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        target,
        {
          method: 'POST',
          lookup,
          timeout: this.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'idempotency-key': `${alert.tenant}:${alert.id}`,
            [BUDGET_SIGNATURE_HEADER]: signature,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`webhook timed out after ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
    if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
  }
}
