import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A data key wrapped by a key-encryption key that never leaves its keeper (Cloud KMS). */
export interface WrappedKey {
  /** The key-encryption key's name (a KMS CryptoKey, or `local:<id>`). */
  keyName: string;
  wrapped: Buffer;
}

/** Wraps and unwraps per-archive data keys. `context` is bound to the wrap (authenticated, not secret). */
export interface KeyWrapper {
  wrap(dataKey: Buffer, context: string): Promise<WrappedKey>;
  unwrap(key: WrappedKey, context: string): Promise<Buffer>;
}

/**
 * Local runs and tests: real AES-256-GCM key wrapping under a 32-byte master key kept by the local
 * runner (`.backbone/`), the archive's id as additional authenticated data, as KMS does.
 */
export class LocalKeyWrapper implements KeyWrapper {
  constructor(
    private readonly masterKey: Buffer,
    private readonly id = 'local:archive-keys',
  ) {
    if (masterKey.length !== 32) throw new Error('the local master key must be 32 bytes');
  }
  async wrap(dataKey: Buffer, context: string): Promise<WrappedKey> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv).setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { keyName: this.id, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }
  async unwrap(key: WrappedKey, context: string): Promise<Buffer> {
    if (key.keyName !== this.id) throw new Error(`wrapped by ${key.keyName}, not ${this.id}`);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, key.wrapped.subarray(0, 12))
      .setAAD(Buffer.from(context))
      .setAuthTag(key.wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(key.wrapped.subarray(28)), decipher.final()]);
  }
}
