import { KeyManagementServiceClient } from '@google-cloud/kms';
import type { KeyWrapper, WrappedKey } from './key-wrapper';

/**
 * Cloud KMS: `encrypt`/`decrypt` on one symmetric CryptoKey (its primary version wraps; KMS finds
 * the version that wrapped when unwrapping, so rotation needs nothing here), with the archive's id
 * as additional authenticated data and CRC32C checks left to the client library.
 */
export class KmsKeyWrapper implements KeyWrapper {
  constructor(
    private readonly keyName: string,
    private readonly client = new KeyManagementServiceClient(),
  ) {}
  async wrap(dataKey: Buffer, context: string): Promise<WrappedKey> {
    const [answer] = await this.client.encrypt({
      name: this.keyName,
      plaintext: dataKey,
      additionalAuthenticatedData: Buffer.from(context),
    });
    return { keyName: this.keyName, wrapped: Buffer.from(answer.ciphertext as Uint8Array) };
  }
  async unwrap(key: WrappedKey, context: string): Promise<Buffer> {
    const [answer] = await this.client.decrypt({
      name: key.keyName,
      ciphertext: key.wrapped,
      additionalAuthenticatedData: Buffer.from(context),
    });
    return Buffer.from(answer.plaintext as Uint8Array);
  }
}
