// The report title is not asked: it is made from the description (and can be changed from the summary).
import { codePoints, splitSentences } from './text.js';

/** A title shorter than this is too vague on its own. */
const MEANINGFUL = 15;

/** First sentence of the description, within [min, max] code points (cut at a word, with "…"). */
export function generateTitle(description: string, min = 5, max = 150): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  const sentences = splitSentences(description);
  // whole sentences until the title says something ("Tolong." alone does not)
  let title = '';
  for (const sentence of sentences) {
    title = title ? `${title} ${sentence}` : sentence;
    if (codePoints(title) >= Math.max(min, MEANINGFUL)) break;
  }
  title = title.replace(/[.!?,;:\s]+$/, '') || flat;
  if (codePoints(title) > max) {
    const chars = [...title].slice(0, max - 1).join('');
    const cut = chars.lastIndexOf(' ');
    title = `${(cut > min ? chars.slice(0, cut) : chars).replace(/[.,;:\s]+$/, '')}…`;
  }
  return title.charAt(0).toUpperCase() + title.slice(1);
}
