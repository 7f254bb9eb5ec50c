/**
 * Plain one-line text (card titles, levels, mitigations, the plan title) inside markdown headings,
 * table cells and list items: escaping on the way out, and reading back from `marked`'s inline
 * tokens on the way in. `plainText(lexInline(escapeInline(s))) === normalizeInline(s)` for every
 * string — the round-trip property tests hold this.
 */
import type { Token, Tokens } from 'marked';

/**
 * The canonical form of a one-line text field: line breaks normalised to `\n`, surrounding
 * whitespace trimmed (JavaScript `trim`, the same trim the markdown reader applies). Inner line
 * breaks are kept (exported as `<br>`).
 */
export function normalizeInline(text: string): string {
	return text.replace(/\r\n?/g, '\n').trim();
}

/** Characters that can start inline markdown (emphasis, code, links, HTML, tables, strikethrough, headings). */
const ALWAYS_ESCAPED = /[\\`*_[\]<|~#]/g;
/** `&` only needs escaping where it would start a character reference such as `&amp;`. */
const ENTITY_START = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)/g;

/**
 * Escape plain text so it reads back unchanged from a heading, a table cell or a list item: every
 * character that could start inline markdown gets a backslash, a leading `-`, `+`, `>` or `1.`
 * (which would open a nested block) is escaped, autolinks (`www.`, `https://`, `a@b.c`) are
 * broken with an escape, tabs and U+2028/U+2029 become character references and line breaks `<br>`. Output is a single
 * line; text is normalised with {@link normalizeInline} first.
 */
export function escapeInline(text: string): string {
	let out = normalizeInline(text)
		.replace(ALWAYS_ESCAPED, (c) => `\\${c}`)
		.replace(ENTITY_START, '\\&');
	out = out.replace(/^([-+>])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
	// GFM autolinks would swallow a following escape (`www.a.com\#`): keep them from forming
	out = out
		.replace(/(www)\./gi, '$1\\.')
		.replace(/(https?|ftp):\/\//gi, '$1\\://')
		.replace(/@/g, '\\@');
	// marked expands tabs inside list items; a character reference survives everywhere
	// marked's line-based rules treat U+2028/U+2029 as line ends; references keep lines whole
	return out
		.replace(/\t/g, '&#9;')
		.replace(/\u2028/g, '&#8232;')
		.replace(/\u2029/g, '&#8233;')
		.replace(/\n/g, '<br>');
}

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0'
};

/** Decode the character references people commonly type (`&amp;`, `&#8212;`, `&#x4E2D;`). */
function decodeEntities(text: string): string {
	return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);/g, (all, ref: string) => {
		if (ref.startsWith('#')) {
			const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
			return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
				? String.fromCodePoint(code)
				: all;
		}
		return NAMED_ENTITIES[ref] ?? all;
	});
}

const BR_TAG = /^<br\s*\/?>$/i;
const COMMENT = /^<!--([\s\S]*?)-->$/;

/** What {@link readInline} found: the plain text and the bodies of any HTML comments. */
export interface InlineContent {
	/** Plain text, normalised with {@link normalizeInline}. */
	text: string;
	/** Inner text of each `<!-- … -->` comment, in order (card tags live there). */
	comments: string[];
}

/**
 * Read inline tokens as plain text: formatting is dropped but its text kept (`**Lead** engineer`
 * → `Lead engineer`), escapes and common character references are decoded, `<br>` and hard breaks
 * become line breaks, soft line breaks become spaces, other HTML tags are dropped and comments are
 * collected separately.
 */
export function readInline(tokens: readonly Token[]): InlineContent {
	const comments: string[] = [];
	const text = collect(tokens, comments);
	return { text: normalizeInline(text), comments };
}

function collect(tokens: readonly Token[], comments: string[]): string {
	let out = '';
	for (const token of tokens) {
		switch (token.type) {
			case 'text': {
				const t = token as Tokens.Text;
				out += t.tokens ? collect(t.tokens, comments) : decodeEntities(t.text).replace(/\n/g, ' ');
				break;
			}
			case 'escape':
			case 'codespan':
				out += (token as Tokens.Escape | Tokens.Codespan).text;
				break;
			case 'strong':
			case 'em':
			case 'del':
			case 'link':
			case 'paragraph':
			case 'heading':
				out += collect((token as Tokens.Generic).tokens ?? [], comments);
				break;
			case 'image':
				out += (token as Tokens.Image).text;
				break;
			case 'br':
				out += '\n';
				break;
			case 'html': {
				const raw = (token as Tokens.HTML).raw.trim();
				const comment = COMMENT.exec(raw);
				if (comment) comments.push(comment[1]);
				else if (BR_TAG.test(raw)) out += '\n';
				break;
			}
			default:
				break;
		}
	}
	return out;
}
