/**
 * The escapes the stock Tiptap markdown serialisers leave out: line starts that would read as a
 * block (list marker, heading, thematic break, delimiter row), and inline context (autolinks,
 * brackets before a link, code-span delimiters) — so notes written to markdown parse back the same.
 * Used by the `Safe*` extensions in extensions.ts.
 */
import type { JSONContent } from '@tiptap/core';
import { getConverter } from './markdown-manager.ts';

// Tiptap's ordered lists also take letters and roman numerals as markers ('a.', 'IV)', 'Mr.'), and
// its list-item tokenizer ends a paragraph at a '$$' line (block maths)
// (\s, not [ \t]: marked and Tiptap's tokenizers also take a no-break space for a blank)
const BLOCK_START =
	/^(\s*)(?:(#{1,6})(?=\s|$)|([-+*])(?=\s|$)|(\d+|[ivxlcdmIVXLCDM]+|[a-zA-Z]{1,2})([.)])(?=\s|$)|(=+|-+)\s*$|(\$\$))/;

/** A line that reads as a thematic break: three or more of one of `-*_`, blanks between ('-- --'). */
const THEMATIC_BREAK = /^(\s*)(([-*_])(?:[ \t]*\3){2,}[ \t]*)$/;

/**
 * Escape what would start a different block when a paragraph's rendered line is parsed again:
 * ATX headings, list markers (incl. Tiptap's 'a.'/'iv.' ordered markers), setext underlines,
 * thematic breaks ('--- ---'), '$$'
 * and indentation that would make a code block. Blank lines and blanks starting the first line are
 * dropped (markdown cannot hold them); `firstAny` also drops no-break/ideographic spaces there (after
 * a list they would continue it), `everyAny` drops all blanks starting a line (inside a list item
 * Tiptap's ordered-list tokenizer takes them for indentation).
 */
export function escapeLineStarts(text: string, blanks: 'first' | 'firstAny' | 'everyAny' = 'first'): string {
	return text
		.split('\n')
		.filter((line) => /\S/.test(line))
		.map((line, i) => {
			if (blanks === 'everyAny' || (i === 0 && blanks === 'firstAny')) line = line.replace(/^\s+/, '');
			else if (i === 0) line = line.replace(/^[ \t]+/, '');
			if (THEMATIC_BREAK.test(line)) return line.replace(THEMATIC_BREAK, (_all, indent: string, rule: string) => `${indent}\\${rule}`);
			return line.replace(BLOCK_START, (all, indent: string, hashes, bullet, digits, delim, rule, math) => {
				if (hashes || rule || math) return `${indent}\\${all.slice(indent.length)}`;
				if (bullet) return `${indent}\\${bullet}`;
				if (digits) return `${indent}${digits}\\${delim}`;
				return all;
			});
		})
		.join('\n');
}

/**
 * Placeholders put into a text block's text before it renders and replaced after, so an escape can
 * depend on the neighbouring nodes without a serialiser of our own: {@link BACKSLASH_HERE} becomes
 * a backslash; a character shifted into plane 15 ({@link keepLiteral}) comes back as itself where
 * Tiptap would have moved it (whitespace at the edge of a code span).
 */
const BACKSLASH_HERE = '\uE000';
const LITERAL_BASE = 0xf0000;
const PLACEHOLDERS = /[\uE000]|[\u{F0000}-\u{FFFFD}]/u;
const keepLiteral = (char: string) => String.fromCodePoint(LITERAL_BASE + (char.codePointAt(0) ?? 0));
const restorePlaceholders = (md: string) =>
	md
		.replace(/\uE000/g, '\\')
		.replace(/[\u{F0000}-\u{FFFFD}]/gu, (c) => String.fromCodePoint((c.codePointAt(0) ?? LITERAL_BASE) - LITERAL_BASE));
/** Text marked-gfm would turn into a link: http(s)/ftp URLs, www. hosts, e-mail addresses. */
const AUTOLINK_START = /(?:[hH][tT][tT][pP][sS]?|[fF][tT][pP])(?=:\/\/)|www(?=\.)|[A-Za-z0-9._+-](?=@[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*[a-zA-Z0-9])/g;

type Mark = NonNullable<JSONContent['marks']>[number];
const hasMark = (node: JSONContent | undefined, type: string): Mark | undefined =>
	node?.marks?.find((m) => m.type === type);

/**
 * Inline content prepared for rendering where plain text would change meaning next to its
 * neighbours: {@link BACKSLASH_HERE} before the ':' / '.' / '@' of text that would become an
 * autolink and before a '!' directly followed by a link (it would make an image); blanks before a
 * line end dropped; code spans given their delimiters ({@link codeSpanDelimiters}). Code text is
 * never changed. Undefined when the text already holds the placeholder character.
 */
function markContextEscapes(content: JSONContent[]): JSONContent[] | undefined {
	if (content.some((c) => c.text && PLACEHOLDERS.test(c.text))) return undefined;
	const spans = codeSpanDelimiters(content);
	return content.map((child, i) => {
		const span = spans.get(i);
		if (span) {
			const marks = (child.marks ?? []).map((m) => (m.type === 'code' ? { ...m, attrs: { ...m.attrs, ...span } } : m));
			// Tiptap moves blanks at a mark's edges outside it; in code they are content
			let text = child.text ?? '';
			if (!hasMark(content[i - 1], 'code')) text = text.replace(/^\s+/, (ws) => Array.from(ws, keepLiteral).join(''));
			if (!hasMark(content[i + 1], 'code')) text = text.replace(/\s+$/, (ws) => Array.from(ws, keepLiteral).join(''));
			return { ...child, text, marks };
		}
		if (child.type !== 'text' || !child.text || hasMark(child, 'code')) return child;
		const link = hasMark(child, 'link');
		// markdown cannot hold blanks before a line end: they would make (or vanish into) a hard break
		let text = child.text.replace(/[ \t]+\n/g, '\n');
		const next = content[i + 1];
		if (next?.type === 'hardBreak') text = text.replace(/[ \t]+$/, '');
		if (!next) text = text.replace(/\s+$/, '');
		if (!link) text = text.replace(AUTOLINK_START, (m) => m + BACKSLASH_HERE);
		// in a link's text marked reads '\[a\](b)' as a nested link
		else text = text.replace(/\](?=\()/g, `]${BACKSLASH_HERE}`);
		const nextLink = hasMark(next, 'link');
		if (text.endsWith('!') && nextLink && nextLink.attrs?.href !== link?.attrs?.href) {
			text = `${text.slice(0, -1)}${BACKSLASH_HERE}!`;
		}
		return text === child.text ? child : { ...child, text };
	});
}

/** How a code span is delimited: backtick count and whether the code is padded with a space. */
export interface CodeSpanDelimiter {
	ticks: number;
	pad: boolean;
}

/**
 * Delimiters of each code span (a run of code-marked text nodes) by node index: one more backtick
 * than the longest backtick run in the code, and a space inside each delimiter when the code
 * starts or ends with a backtick or starts and ends with a space (CommonMark strips one then).
 */
export function codeSpanDelimiters(content: JSONContent[]): Map<number, CodeSpanDelimiter> {
	const out = new Map<number, CodeSpanDelimiter>();
	for (let i = 0; i < content.length; ) {
		if (!hasMark(content[i], 'code')) {
			i++;
			continue;
		}
		let j = i;
		while (j < content.length && hasMark(content[j], 'code')) j++;
		const code = content
			.slice(i, j)
			.map((c) => c.text ?? '')
			.join('');
		const pad = /^`|`$/.test(code) || /^ [^]*[^ ][^]* $/.test(code);
		const span = { ticks: longestRun(code, '`') + 1, pad };
		for (let k = i; k < j; k++) out.set(k, span);
		i = j;
	}
	return out;
}

/** Render a text block through its stock renderer with {@link markContextEscapes} applied. */
export function renderWithContextEscapes<N extends JSONContent>(node: N, render: (n: N) => string): string {
	const content = node.content ? markContextEscapes(node.content) : undefined;
	if (!content) return render(node);
	return restorePlaceholders(render({ ...node, content }));
}

/** The stock renderer of an extended extension (Tiptap binds `parent` at runtime; its type omits it). */
export function parentRenderer<F>(self: unknown): F | undefined {
	return (self as { parent?: F | null }).parent ?? undefined;
}

/** A GFM table delimiter row, or what marked takes for one while deciding where a paragraph ends. */
const DELIMITER_ROW = /^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/;

/**
 * Escape delimiter-row lines after the first line of a paragraph (marked would end the paragraph
 * before the line above one, starting a table), unless `allowTable` and the whole text parses as
 * one table (a table kept as text, see `TableAsText` in extensions.ts).
 */
export function escapeDelimiterRows(md: string, allowTable = true): string {
	const lines = md.split('\n');
	const isRow = (line: string, i: number) => i > 0 && DELIMITER_ROW.test(line);
	if (!lines.some(isRow)) return md;
	if (allowTable) {
		const blocks = getConverter()
			.markdown.instance.lexer(md)
			.filter((t) => t.type !== 'space');
		if (blocks.length === 1 && blocks[0].type === 'table') return md;
	}
	return lines.map((line, i) => (isRow(line, i) ? line.replace(/^([ \t]*)/, '$1\\') : line)).join('\n');
}

/** Longest run of `char` in `text` (0 when absent). */
export function longestRun(text: string, char: string): number {
	let best = 0;
	let run = 0;
	for (const c of text) {
		run = c === char ? run + 1 : 0;
		if (run > best) best = run;
	}
	return best;
}
