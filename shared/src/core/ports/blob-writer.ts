/** Write-once objects (Cloud Storage): a path written before answers `exists` and is left as it was. */
export interface BlobWriter {
  writeOnce(path: string, content: string, contentType: string): Promise<'written' | 'exists'>;
}
