/** Reads objects (Cloud Storage). */
export interface BlobReader {
  read(path: string): Promise<string>;
}
