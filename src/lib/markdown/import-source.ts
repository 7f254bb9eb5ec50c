/**
 * The document being read as source text: normalised line endings, the 1-based line of any
 * character offset, and where marked's tokens sit inside their parent's text.
 */
import type { Token, Tokens } from 'marked';
import { countNewlines } from './import-blocks.ts';

/** A token and the character offset where its raw text starts. */
export interface Located {
	token: Token;
	offset: number;
}

/** The source with a byte-order mark removed and CRLF / CR turned into LF, and its line index. */
export class SourceText {
	readonly text: string;
	private readonly newlines: number[] = [];

	constructor(md: string) {
		this.text = md.replace(/^\uFEFF/, '').replace(/\r\n|\r/g, '\n');
		for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) {
			this.newlines.push(i);
		}
	}

	/** 1-based line of a character offset in the source. */
	lineAt(offset: number): number {
		let lo = 0;
		let hi = this.newlines.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.newlines[mid] < offset) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	}
}

/** Offsets of child tokens inside their parent's raw text (which starts at `base`). */
export function locate(tokens: readonly Token[], parentRaw: string, base: number): Located[] {
	const out: Located[] = [];
	let cursor = 0;
	for (const token of tokens) {
		const found = token.raw ? parentRaw.indexOf(token.raw, cursor) : -1;
		const at = found === -1 ? cursor : found;
		out.push({ token, offset: base + at });
		if (found !== -1) cursor = found + token.raw.length;
	}
	return out;
}

/** List items with their 1-based lines (`offset` is the item's line), for a list starting on `line`. */
export function itemsOf(list: Tokens.List, line: number): Located[] {
	return locate(list.items, list.raw, 0).map(({ token, offset }) => ({
		token,
		offset: line + countNewlines(list.raw.slice(0, offset))
	}));
}
