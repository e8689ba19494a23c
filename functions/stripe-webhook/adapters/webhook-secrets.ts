import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type { WebhookSecrets } from '@backbone/shared/billing';

/**
 * Every ENABLED version of the webhook-secret in Secret Manager is accepted: to rotate, add the
 * new signing secret as a version, switch Stripe over, then disable the old version (000#48).
 * Read at most every `cacheMs`.
 */
export class SecretManagerWebhookSecrets implements WebhookSecrets {
  private cached: { at: number; secrets: Promise<string[]> } | undefined;

  constructor(
    private readonly client: SecretManagerServiceClient,
    private readonly secretName: string,
    private readonly cacheMs = 300_000,
  ) {}

  static forSecret(secretName: string): SecretManagerWebhookSecrets {
    return new SecretManagerWebhookSecrets(new SecretManagerServiceClient(), secretName);
  }

  active(): Promise<string[]> {
    if (this.cached && Date.now() - this.cached.at < this.cacheMs) return this.cached.secrets;
    const secrets = this.load();
    this.cached = { at: Date.now(), secrets };
    secrets.catch(() => (this.cached = undefined));
    return secrets;
  }

  private async load(): Promise<string[]> {
    const [versions] = await this.client.listSecretVersions({
      parent: this.secretName,
      filter: 'state:ENABLED',
    });
    const payloads = await Promise.all(
      versions.map(async (v) => {
        const [access] = await this.client.accessSecretVersion({ name: v.name! });
        return access.payload?.data?.toString() ?? '';
      }),
    );
    return payloads.filter(Boolean);
  }
}

/** Secrets from the environment (local development): a comma-separated list. */
export class StaticWebhookSecrets implements WebhookSecrets {
  constructor(private readonly secrets: string[]) {}
  async active(): Promise<string[]> {
    return this.secrets;
  }
}
