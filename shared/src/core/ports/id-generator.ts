import { randomUUID } from 'node:crypto';

/** Unique ids (event ids, incident ids), injected so tests can predict them. */
export interface IdGenerator {
  next(): string;
}
export const uuidGenerator: IdGenerator = { next: () => randomUUID() };
