/**
 * Emphasis next to Chinese (and Japanese, Korean) text, the way people type it: `**注意：**这是`,
 * `这是**“重点”**内容`, `~~删除：~~这是`. CommonMark's flanking rules refuse a `**` that sits between a
 * punctuation mark and a letter (it may only open there, never close), so such text stays literal
 * asterisks — and Tiptap's serialiser writes exactly that form for bold text ending in `：`.
 *
 * The rule added here (in the spirit of the "CJK-friendly" CommonMark amendment): for a run of `*`
 * or `~`, a punctuation mark on one side does not count as punctuation when the other side is a
 * CJK letter, or when the mark itself is CJK punctuation (`：`, `。`, `）`, `、` …) and the other
 * side is not a blank or punctuation. Latin-only text is read exactly as before; `_` is unchanged.
 *
 * Implemented without forking marked's tokenizer: the `emStrongMask` hook rewrites, in the copy of
 * the text marked searches for closing delimiters, those punctuation marks into a letter (same
 * length, so every index stays valid), and the opening check is given a blank as the previous
 * character when the same rule relaxes the mark just inside the opening run.
 */
import { Tokenizer, type MarkedExtension } from 'marked';

/** A Han, kana, Hangul or Bopomofo letter. */
export const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

/** CJK and full-width punctuation (ideographic comma/stop, brackets, full-width colon, parentheses …); not the curly quotes English shares. */
export const CJK_PUNCTUATION = /[\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;

const PUNCTUATION = /[\p{P}\p{S}]/u;
const BLANK_OR_PUNCTUATION = /[\s\p{P}\p{S}]/u;
const DELIMITER_RUN = /\*+|~+/g;

/** Whether a punctuation mark `mark` beside a delimiter run stops counting as punctuation, given the character `beyond` on the run's other side. */
function relaxes(mark: string | undefined, beyond: string | undefined): boolean {
	if (!mark || !beyond || mark === '*' || mark === '~' || mark === '_' || !PUNCTUATION.test(mark)) return false;
	if (BLANK_OR_PUNCTUATION.test(beyond)) return false;
	return CJK_LETTER.test(beyond) || CJK_PUNCTUATION.test(mark);
}

/**
 * The text marked searches for closing delimiters, with each punctuation mark that {@link relaxes}
 * beside a `*`/`~` run replaced by `a` (BMP characters only, so lengths and indices are unchanged).
 */
export function maskCjkPunctuation(masked: string): string {
	const chars = masked.split('');
	let changed = false;
	for (const run of masked.matchAll(DELIMITER_RUN)) {
		const before = run.index - 1;
		const after = run.index + run[0].length;
		const prev = masked[before];
		const next = masked[after];
		if (relaxes(prev, next)) {
			chars[before] = 'a';
			changed = true;
		}
		if (relaxes(next, prev)) {
			chars[after] = 'a';
			changed = true;
		}
	}
	return changed ? chars.join('') : masked;
}

const stock = Tokenizer.prototype;

/**
 * The previous character as the opening check should see it: a blank when the punctuation mark
 * just inside the opening run {@link relaxes} because of it (a CJK letter before `**“`, or a letter
 * before `**（`), so both sides of a run follow one rule.
 */
function openerContext(src: string, prevChar: string | undefined): string | undefined {
	const run = /^(?:\*+|~+)/.exec(src);
	return run && relaxes(src[run[0].length], prevChar) ? ' ' : prevChar;
}

/** A marked extension reading emphasis and strikethrough next to CJK text as described above. */
export function cjkFriendlyEmphasis(): MarkedExtension {
	return {
		hooks: {
			emStrongMask: maskCjkPunctuation
		},
		tokenizer: {
			emStrong(src, maskedSrc, prevChar) {
				return stock.emStrong.call(this, src, maskedSrc, openerContext(src, prevChar));
			},
			del(src, maskedSrc, prevChar) {
				return stock.del.call(this, src, maskedSrc, openerContext(src, prevChar));
			}
		}
	};
}
