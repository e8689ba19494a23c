import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The demo corpus committed with Backbone: the platform constitution and its precedent seeds. */
export const SAMPLE_CONSTITUTION = readFileSync(path.join(__dirname, 'constitution.md'), 'utf8');
export const SAMPLE_PRECEDENTS: unknown = JSON.parse(readFileSync(path.join(__dirname, 'precedents.json'), 'utf8'));
