import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './manifests';

/** Where `npm start` keeps its state: the endpoint table and the local signing key. */
export const STATE_DIR = path.join(ROOT, '.backbone');

/** The running suite's function URLs (written by `npm start`); exits with a hint when it is not running. */
export function runningEndpoints(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path.join(STATE_DIR, 'endpoints.json'), 'utf8')) as Record<string, string>;
  } catch {
    console.error('The suite is not running: start it with `npm start`.');
    process.exit(2);
  }
}
