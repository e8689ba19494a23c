import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';

/** The readable text of a page: HTML converted without markup, links' targets or images; text as is. */
export function pageText(body: Buffer, contentType: string): string {
  const raw = body.toString('utf8');
  const text = /html|xml/.test(contentType)
    ? convert(raw, {
        wordwrap: false,
        selectors: [
          { selector: 'a', options: { ignoreHref: true } },
          { selector: 'img', format: 'skip' },
          { selector: 'nav', format: 'skip' },
          { selector: 'footer', format: 'skip' },
        ],
      })
    : raw;
  // Whitespace differences are not changes.
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');
