/**
 * Titles as shared text. A card's `title` and the board's `meta.title` are Y.Text (schema 2), so
 * two people typing in one title both keep their words. A plain string is still read (a doc not
 * migrated yet, or a title written by an older client); the next write turns it into text again.
 */
import * as Y from 'yjs';
import { TITLE_KEY } from './doc-keys.ts';
import { MAX_TITLE_LENGTH } from './fields.ts';

export { TITLE_KEY };

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * A stored title value as a string: Y.Text reads as its text, cut to {@link MAX_TITLE_LENGTH}
 * (concurrent typing may pass the limit; every device cuts the same way, never inside a
 * character). Other values are returned as they are (the field check judges them).
 */
export function titleValue(value: unknown): unknown {
	if (!(value instanceof Y.Text)) return value;
	const text = value.toString();
	if (text.length <= MAX_TITLE_LENGTH) return text;
	const end = isHighSurrogate(text.charCodeAt(MAX_TITLE_LENGTH - 1)) ? MAX_TITLE_LENGTH - 1 : MAX_TITLE_LENGTH;
	return text.slice(0, end);
}

/** One edit turning a string into another: delete `remove` code units at `index`, insert `insert`. */
export interface TextChange {
	index: number;
	remove: number;
	insert: string;
}

/**
 * The smallest single change from `before` to `after` (common prefix and suffix kept), or null
 * when they are equal. `caret` — where the caret is in `after`, when known — settles ambiguous
 * cases ("aa" → "aaa" inserts at the caret). Never splits a surrogate pair.
 */
export function diffText(before: string, after: string, caret?: number): TextChange | null {
	if (before === after) return null;
	const maxSuffixForCaret = caret === undefined ? Infinity : Math.max(0, after.length - caret);
	let suffix = 0;
	const maxSuffix = Math.min(before.length, after.length, maxSuffixForCaret);
	while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
		suffix++;
	}
	let prefix = 0;
	const maxPrefix = Math.min(before.length, after.length) - suffix;
	while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
	if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
	if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
	return {
		index: prefix,
		remove: before.length - prefix - suffix,
		insert: after.slice(prefix, after.length - suffix)
	};
}

/** Edit `text` into `next` with the smallest change (nothing when equal). Call inside a transaction. */
export function applyTextChange(text: Y.Text, next: string, caret?: number): void {
	const change = diffText(text.toString(), next, caret);
	if (!change) return;
	if (change.remove > 0) text.delete(change.index, change.remove);
	if (change.insert) text.insert(change.index, change.insert);
}

/**
 * Write title `value` into `map` (a card map or the meta map); call inside a transaction. An
 * existing Y.Text is edited with the smallest change (a concurrent edit elsewhere in the title
 * survives); otherwise (a string, or nothing yet) a new Y.Text is set.
 */
export function writeTitle(map: Y.Map<unknown>, value: string, caret?: number): void {
	const current = map.get(TITLE_KEY);
	if (current instanceof Y.Text) applyTextChange(current, value, caret);
	else map.set(TITLE_KEY, new Y.Text(value));
}

/** True when the title stored in `map` reads as `value` (without the length cut). */
export function titleEquals(map: Y.Map<unknown>, value: string): boolean {
	const current = map.get(TITLE_KEY);
	return current instanceof Y.Text ? current.toString() === value : current === value;
}
