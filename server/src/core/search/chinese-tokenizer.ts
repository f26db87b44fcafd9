/**
 * Tokens for full-text search over Simplified Chinese with some Latin
 * (model numbers, units). Used for indexing and for queries alike, so both
 * sides always agree (decision 010).
 *
 * - Chinese: every pair of neighbouring Han characters (bigrams), plus the
 *   words of three or more characters found by `Intl.Segmenter`. The
 *   segmenter's dictionary does not know the trade's vocabulary (it splits
 *   内镜 into 内|镜 and 活检钳 into 活|检|钳), so bigrams carry recall; its
 *   longer words add precision where it does know them (不进去, 十二指肠).
 *   Its two-character words are bigrams already and are not emitted twice.
 *   Long texts may leave the segmenter out (see `tokenize`).
 *   Single characters are never tokens: alone they match almost everything.
 * - Latin and digits: runs of letters or digits, lower-cased (QV-G290 →
 *   qv, g290), at least two characters.
 * - Question words and particles (怎么办, 为什么, 吗, 的 …) are cut out before
 *   bigrams are made, so a question does not match every other question and
 *   bigrams do not straddle them.
 */

const HAN_RUN = /(\p{Script=Han}+)/u;
const HAN = /^\p{Script=Han}+$/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Longest first, so 怎么办 is cut whole rather than leaving 办 behind. */
const STOP_PHRASES = [
  '怎么办', '怎么样', '为什么', '是不是', '有没有', '能不能', '可不可以', '什么', '怎么', '怎样', '如何', '请问', '一下',
  '的', '了', '吗', '呢', '吧', '啊', '呀', '么', '哪些', '哪里',
];
const STOP = new RegExp(STOP_PHRASES.sort((a, b) => b.length - a.length).join('|'), 'gu');

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

function hanTokens(run: string, words: boolean, out: string[]): void {
  if (words && run.length >= 3) {
    for (const { segment, isWordLike } of segmenter.segment(run)) {
      if (isWordLike && segment.length >= 3) out.push(segment);
    }
  }
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
}

/**
 * All tokens of a text, in order, with repeats (term frequency matters when
 * indexing). `words: false` leaves out the segmenter's words: ICU word
 * segmentation is by far the slowest step (about 0.6 million characters a
 * second here), so long texts (document bodies) are indexed by their
 * bigrams, which already contain every word's pairs; titles, summaries and
 * queries, which are short, get both.
 */
export function tokenize(text: string, options: { words?: boolean } = {}): string[] {
  const words = options.words ?? true;
  const out: string[] = [];
  const normalised = text.normalize('NFKC').toLowerCase().replace(STOP, ' ');
  for (const part of normalised.split(HAN_RUN)) {
    if (!part) continue;
    if (HAN.test(part)) {
      hanTokens(part, words, out);
      continue;
    }
    for (const [word] of part.matchAll(WORD)) if (word.length >= 2) out.push(word);
  }
  return out;
}

/** A query's tokens: each once, so a repeated word does not count double. */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenize(query))];
}
