/**
 * Card notes as rich text: the one Tiptap extension list shared by the browser editor and the
 * Node-side converters (so both use the same ProseMirror schema), and markdown <-> Y.XmlFragment
 * conversion built from @tiptap/markdown (marked-based parse/serialise) and @tiptap/y-tiptap
 * (ProseMirror <-> Yjs). Runs in plain Node: no DOM is touched.
 *
 * Supported constructs: paragraphs, headings, bold, italic, strike, inline code, links, bullet and
 * ordered lists, blockquotes, code blocks, horizontal rules and hard breaks. Markdown the schema
 * cannot hold degrades without losing text: tables are kept as their source text, images become
 * their alt text, raw HTML is kept as literal text, task-list boxes are dropped (the item text
 * stays), links to javascript:/data:/vbscript: lose the link (the text stays). Leading
 * indentation of a paragraph's first line is dropped (markdown cannot hold it).
 *
 * Normalisation is idempotent: the markdown `fragmentToMarkdown` writes parses back to the same
 * document, so N(N(x)) === N(x) for N = fragmentToMarkdown ∘ markdownToFragment (property-tested),
 * except for the known limits listed in the model notes ("Rich text: known limits"):
 * emphasis edges CommonMark's flanking rules cannot express, and two ordered-list nestings Tiptap's
 * ordered-list tokenizer reads differently. The stock Tiptap serialisers are extended below (the
 * `Safe*` extensions) where they leave markdown that reads back differently.
 */
import * as Y from 'yjs';
import {
	Extension,
	getSchemaByResolvedExtensions,
	resolveExtensions,
	type AnyExtension,
	type JSONContent
} from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Heading } from '@tiptap/extension-heading';
import { BulletList, ListItem } from '@tiptap/extension-list';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Text } from '@tiptap/extension-text';
import { Link } from '@tiptap/extension-link';
import { MarkdownManager } from '@tiptap/markdown';
import { Marked, type marked } from 'marked';
import { cjkFriendlyEmphasis } from './cjk-emphasis.ts';
import { Fragment, type Schema } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';

/** Longest notes text (markdown characters) the converters accept; longer input is truncated. */
export const MAX_NOTES_LENGTH = 100_000;

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
function escapeLineStarts(text: string, blanks: 'first' | 'firstAny' | 'everyAny' = 'first'): string {
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
interface CodeSpanDelimiter {
	ticks: number;
	pad: boolean;
}

/**
 * Delimiters of each code span (a run of code-marked text nodes) by node index: one more backtick
 * than the longest backtick run in the code, and a space inside each delimiter when the code
 * starts or ends with a backtick or starts and ends with a space (CommonMark strips one then).
 */
function codeSpanDelimiters(content: JSONContent[]): Map<number, CodeSpanDelimiter> {
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
function renderWithContextEscapes<N extends JSONContent>(node: N, render: (n: N) => string): string {
	const content = node.content ? markContextEscapes(node.content) : undefined;
	if (!content) return render(node);
	return restorePlaceholders(render({ ...node, content }));
}

/** The stock renderer of an extended extension (Tiptap binds `parent` at runtime; its type omits it). */
function parentRenderer<F>(self: unknown): F | undefined {
	return (self as { parent?: F | null }).parent ?? undefined;
}

/** A GFM table delimiter row, or what marked takes for one while deciding where a paragraph ends. */
const DELIMITER_ROW = /^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/;

/**
 * Escape delimiter-row lines after the first line of a paragraph (marked would end the paragraph
 * before the line above one, starting a table), unless `allowTable` and the whole text parses as
 * one table (a table kept as text, see {@link TableAsText}).
 */
function escapeDelimiterRows(md: string, allowTable = true): string {
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

/** Paragraph whose markdown escapes line starts and context the stock serialiser leaves ambiguous. */
const SafeParagraph = Paragraph.extend({
	renderMarkdown(node, helpers, context) {
		type Render = (n: typeof node, h: typeof helpers, c: typeof context) => string;
		const render = parentRenderer<Render>(this);
		const out = renderWithContextEscapes(node, (n) =>
			render ? render(n, helpers, context) : helpers.renderChildren(n.content ?? [])
		);
		const afterList = /^(?:bullet|ordered)List$/.test(String(context?.previousNode?.type));
		const blanks = context?.parentType === 'listItem' ? 'everyAny' : afterList ? 'firstAny' : 'first';
		return escapeDelimiterRows(escapeLineStarts(out, blanks));
	}
});

/**
 * Heading that keeps its level when empty ('##'), escapes a trailing run of '#' in its text
 * (markdown would drop it as the closing sequence), and keeps line breaks in level 1-2 headings by
 * writing them setext style (a setext heading from markdown may span lines) when marked reads that
 * back as one heading; otherwise (and for deeper levels, which have no multi-line form) its breaks
 * become spaces.
 */
const SafeHeading = Heading.extend({
	renderMarkdown(node, helpers) {
		const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
		const hashes = '#'.repeat(level);
		if (!node.content?.length) return hashes;
		if (level <= 2 && node.content.some((c) => c.type === 'hardBreak' || c.text?.includes('\n'))) {
			const text = renderWithContextEscapes(node, (n) => helpers.renderChildren(n.content ?? []));
			// marked does not start or continue a setext heading with a line like an ATX heading
			const lines = escapeDelimiterRows(escapeLineStarts(text, 'everyAny'), false).replace(/^#/gm, '\\#');
			const setext = `${lines}\n${level === 1 ? '===' : '---'}`;
			// nor with some other block starts (fences, table-like lines): ask marked
			const blocks = getConverter()
				.markdown.instance.lexer(setext)
				.filter((t) => t.type !== 'space');
			if (lines.includes('\n') && blocks.length === 1 && blocks[0].type === 'heading') return setext;
		}
		const oneLine = node.content.map((c) =>
			c.type === 'hardBreak' ? { type: 'text', text: ' ' } : c.text ? { ...c, text: c.text.replace(/\s*\n\s*/g, ' ') } : c
		);
		const text = renderWithContextEscapes({ ...node, content: oneLine }, (n) => helpers.renderChildren(n.content ?? []));
		return `${hashes} ${text.replace(/^[ \t]+/, '')}`.replace(/(^#+ (?:.*[ \t])?)(#+[ \t]*)$/, '$1\\$2');
	}
});

/** Whether a rendered block can follow a paragraph line directly (else a blank line goes between). */
const interruptsParagraph = (block: JSONContent, md: string) =>
	/^(?:bullet|ordered)List$/.test(String(block.type)) && /^\S+ +(?!&nbsp;$)\S/.test(md.split('\n', 1)[0]);

/**
 * List item rendered like Tiptap's (its marker, then the blocks indented under it) with what its
 * renderer leaves ambiguous settled: every line of the item is indented to the content column
 * (marked ends an item at an unindented line starting with '#'), a block after a paragraph gets a
 * blank line before it unless it is a list that can interrupt the paragraph ('-' alone would be a
 * setext underline) or the paragraph is empty (a blank line would end the item there), and an
 * empty first line still parses as an item: marked reads '- ' followed by a blank line as a
 * paragraph but '-' as an empty item; Tiptap's ordered-list tokenizer needs text after the marker,
 * so ordered items get the '&nbsp;' Tiptap reads as an empty paragraph. Tabs on the item's later
 * lines are written as the four spaces marked would read them as.
 */
const SafeListItem = ListItem.extend({
	renderMarkdown(node, helpers, context) {
		type Render = (n: typeof node, h: typeof helpers, c: typeof context) => string;
		const render = parentRenderer<Render>(this);
		const blocks = node.content ?? [];
		if (!render || !blocks.length) return '';
		// the stock renderer gives the marker ('- ', '3. ', 'iv. ') for an item with one empty paragraph
		const marker = render({ ...node, content: [{ type: 'paragraph' }] }, helpers, context).trimEnd();
		const ordered = context?.parentType === 'orderedList';
		// Tiptap's ordered-list tokenizer strips (marker digits + 1) columns from continuation lines
		const pad = ' '.repeat(ordered ? marker.length : Math.max(marker.length + 1, helpers.indent('').length));
		const indent = (md: string) => md.replace(/\n(?=.)/g, `\n${pad}`);
		const [first, ...rest] = blocks;
		const head = helpers.renderChild ? helpers.renderChild(first, 0) : helpers.renderChildren([first]);
		const bare = !head.trim() && !ordered;
		let out = head.trim() ? `${marker} ${indent(head)}` : ordered ? `${marker} &nbsp;` : marker;
		rest.forEach((block, i) => {
			const md = helpers.renderChild ? helpers.renderChild(block, i + 1) : helpers.renderChildren([block]);
			// after a bare '-' no blank line: '-', a blank line and a block make an empty item
			const tight = (i === 0 && bare) || (blocks[i].type === 'paragraph' && interruptsParagraph(block, md));
			out += `${tight ? '\n' : '\n\n'}${pad}${indent(md)}`;
		});
		// marked turns each tab of an item's later (indented) lines into four spaces
		const [line0, ...later] = out.split('\n');
		return [line0, ...later.map((line) => line.replace(/\t/g, '    '))].join('\n');
	}
});

/** Attribute set while rendering (by {@link markdownShape}) on every other of adjacent bullet lists. */
const BULLET_MARKER = 'groundworkMarker';

/**
 * Bullet list written with '+' markers when {@link markdownShape} marks it so (every other list of
 * a run of adjacent bullet lists): with one marker they would parse back as one list.
 */
const SafeBulletList = BulletList.extend({
	renderMarkdown(node, helpers, context) {
		type Render = (n: typeof node, h: typeof helpers, c: typeof context) => string;
		const render = parentRenderer<Render>(this);
		const out = render ? render(node, helpers, context) : '';
		return node.attrs?.[BULLET_MARKER] === '+' ? out.replace(/^-(?= |$)/gm, '+') : out;
	}
});

/**
 * Hard break written as a backslash before the line end (CommonMark's other form): unlike two
 * trailing spaces it survives at the start of a paragraph, twice in a row and trailing-space trimming.
 */
const SafeHardBreak = HardBreak.extend({
	renderMarkdown: () => '\\\n'
});

/**
 * Text whose block-level marked tokens (the blocks of a tight list item after the first) are read
 * as a paragraph of inline markdown, as paragraphs are; the stock handler keeps them raw
 * (undecoded entities, literal '**').
 */
const SafeText = Text.extend({
	parseMarkdown: (token, helpers) =>
		token.tokens?.length
			? helpers.createNode('paragraph', undefined, helpers.parseInline(token.tokens))
			: helpers.createTextNode(String(token.text ?? ''))
});

/** Inline code delimited as {@link codeSpanDelimiters} decided (attributes set only while rendering). */
const SafeCode = Code.extend({
	renderMarkdown(node, helpers) {
		const attrs = (node.attrs ?? {}) as Partial<CodeSpanDelimiter>;
		const fence = '`'.repeat(attrs.ticks ?? 1);
		const pad = attrs.pad ? ' ' : '';
		return `${fence}${pad}${helpers.renderChildren(node.content ?? [])}${pad}${fence}`;
	}
});

/** Longest run of `char` in `text` (0 when absent). */
function longestRun(text: string, char: string): number {
	let best = 0;
	let run = 0;
	for (const c of text) {
		run = c === char ? run + 1 : 0;
		if (run > best) best = run;
	}
	return best;
}

/**
 * Code block whose fence always encloses its content, as CommonMark allows: backticks (tildes
 * when the language contains a backtick, which a backtick info string cannot hold), one longer
 * than the longest run of that character in the code, at least three.
 */
const SafeCodeBlock = CodeBlock.extend({
	renderMarkdown(node) {
		const code = (node.content ?? []).map((child) => child.text ?? '').join('');
		// the info string is one line; marked unescapes backslash escapes in it
		const language = String(node.attrs?.language ?? '')
			.replace(/\s+/g, ' ')
			.trim()
			.replace(/\\/g, '\\\\');
		const char = language.includes('`') ? '~' : '`';
		const fence = char.repeat(Math.max(3, longestRun(code, char) + 1));
		// a language starting with the fence character would lengthen the fence
		return `${fence}${language.startsWith(char) ? ' ' : ''}${language}\n${code}\n${fence}`;
	}
});

/** A link destination that parses back to `href`: backslash-escaped, in <> when it has blanks. */
function linkDestination(href: string): string {
	if (/[\s<>]/.test(href) || href === '') return `<${href.replace(/[\\<>]/g, '\\$&').replace(/\n/g, ' ')}>`;
	return href.replace(/[\\()]/g, '\\$&');
}

/** Link whose destination and title are escaped so that they parse back unchanged. */
const SafeLink = Link.extend({
	renderMarkdown(node, helpers) {
		const href = String(node.attrs?.href ?? '');
		const title = node.attrs?.title ? String(node.attrs.title) : '';
		const text = helpers.renderChildren(node);
		const dest = linkDestination(href);
		return title ? `[${text}](${dest} "${title.replace(/[\\"]/g, '\\$&')}")` : `[${text}](${dest})`;
	}
});

/**
 * Keeps GFM tables (which the schema lacks) as their markdown source in a paragraph, parsed as
 * inline markdown (so escapes and entities read the same as in any paragraph and the paragraph
 * serialises back to the same table source).
 */
const TableAsText = Extension.create({
	name: 'groundworkTableAsText',
	markdownTokenName: 'table',
	parseMarkdown: (token, helpers) => {
		// (not trim(): a no-break space starting the header row is text)
		const source = String(token.raw ?? '')
			.replace(/^[ \t\n]+/, '')
			.replace(/\s+$/, '');
		const inline = helpers.tokenizeInline ? helpers.parseInline(helpers.tokenizeInline(source)) : undefined;
		return helpers.createNode('paragraph', undefined, inline ?? [helpers.createTextNode(source)]);
	}
});

/**
 * The Tiptap extensions of card notes. StarterKit without its own undo/redo (collaboration brings
 * undo), without underline (no markdown form) and without the trailing-node plugin (it would write
 * empty paragraphs into shared notes). Links do not open on click while editing.
 */
export function richTextExtensions(): AnyExtension[] {
	return [
		StarterKit.configure({
			undoRedo: false,
			underline: false,
			trailingNode: false,
			paragraph: false,
			heading: false,
			listItem: false,
			bulletList: false,
			text: false,
			hardBreak: false,
			code: false,
			codeBlock: false,
			link: false
		}),
		SafeCode,
		SafeParagraph,
		SafeHeading,
		SafeListItem,
		SafeBulletList,
		SafeHardBreak,
		SafeText,
		SafeCodeBlock,
		SafeLink.configure({ openOnClick: false, autolink: true, defaultProtocol: 'https' }),
		TableAsText
	];
}

interface Converter {
	schema: Schema;
	markdown: MarkdownManager;
}

let converter: Converter | undefined;

/** The schema and markdown manager, built once (both are immutable after construction). */
function getConverter(): Converter {
	if (!converter) {
		converter = {
			schema: getSchemaByResolvedExtensions(resolveExtensions(richTextExtensions())),
			// like the editor, the manager flattens the unresolved list itself; its own marked
			// instance (not the shared default) reads emphasis next to CJK text (cjk-emphasis.ts)
			// (typed as the default export, whose extra helpers such as getDefaults the manager never calls)
			markdown: new MarkdownManager({
				extensions: richTextExtensions(),
				marked: new Marked(cjkFriendlyEmphasis()) as unknown as typeof marked
			})
		};
	}
	return converter;
}

/** The ProseMirror schema of card notes (the same one the editor builds). */
export function richTextSchema(): Schema {
	return getConverter().schema;
}

const UNSAFE_HREF = /^\s*(?:javascript|vbscript|data):/i;

/**
 * Make parsed JSON fit the schema: drop unknown node/mark types (keeping their text), drop unsafe
 * links, wrap stray inline content (e.g. task-list items) in paragraphs, unwrap blocks inside text
 * blocks, add what a node requires first (the paragraph of a list item).
 */
function normalize(node: JSONContent, schema: Schema): JSONContent {
	const type = node.type ? schema.nodes[node.type] : undefined;
	const marks = (node.marks ?? []).filter(
		(m) =>
			schema.marks[m.type] &&
			!(m.type === 'link' && UNSAFE_HREF.test(String((m.attrs as { href?: unknown })?.href ?? '')))
	);
	if (node.type === 'text') {
		return marks.length ? { type: 'text', text: node.text ?? '', marks } : { type: 'text', text: node.text ?? '' };
	}
	const children: JSONContent[] = [];
	for (const child of node.content ?? []) {
		if (child.type === 'text' && !child.text) continue;
		if (child.type !== 'text' && (!child.type || !schema.nodes[child.type])) {
			// unknown node: keep its content inline/blocks as far as they are known
			children.push(...(child.content ?? []).map((c) => normalize(c, schema)));
			continue;
		}
		children.push(normalize(child, schema));
	}
	let content = children;
	if (type?.inlineContent) {
		// a block inside a text block (e.g. a paragraph in a paragraph): keep its inline content
		content = children.flatMap((child) => (child.type && schema.nodes[child.type]?.isInline ? [child] : (child.content ?? [])));
	} else if (type) {
		content = [];
		let run: JSONContent[] = [];
		const flush = () => {
			if (run.length) content.push({ type: 'paragraph', content: run });
			run = [];
		};
		for (const child of children) {
			const childType = child.type ? schema.nodes[child.type] : undefined;
			if (childType?.isInline) run.push(child);
			else {
				flush();
				content.push(child);
			}
		}
		flush();
		// fill what the schema requires (e.g. the paragraph of an empty list item or blockquote)
		try {
			const fill = type.contentMatch.fillBefore(Fragment.from(content.map((c) => schema.nodeFromJSON(c))), true);
			if (fill?.childCount) content = [...(fill.toJSON() as JSONContent[]), ...content];
		} catch {
			// invalid children: the caller's schema check falls back to plain text
		}
	}
	const out: JSONContent = { type: node.type };
	if (node.attrs) out.attrs = node.attrs;
	if (content.length) out.content = content;
	if (marks.length) out.marks = marks;
	return out;
}

/** Plain-text fallback: one paragraph per source line, so nothing typed is ever lost. */
function plainTextDoc(md: string): JSONContent {
	return {
		type: 'doc',
		content: md.split('\n').map((line) =>
			line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' }
		)
	};
}

/** Parse markdown into schema-valid ProseMirror JSON (never throws for any string input). */
export function markdownToJSON(md: string): JSONContent {
	const { schema, markdown } = getConverter();
	const source = md.length > MAX_NOTES_LENGTH ? md.slice(0, MAX_NOTES_LENGTH) : md;
	let json: JSONContent;
	try {
		json = normalize(markdown.parse(source), schema);
		schema.nodeFromJSON(json).check();
	} catch {
		json = plainTextDoc(source);
	}
	return { ...json, content: trimEmptyParagraphs(json.content ?? []) };
}

const isEmptyParagraph = (node: JSONContent) => node.type === 'paragraph' && !node.content?.length;
const isList = (node: JSONContent) => node.type === 'bulletList' || node.type === 'orderedList';

/**
 * The document as markdown can hold it: paragraphs of blanks only become empty paragraphs, hard
 * breaks ending a text block are dropped, empty paragraphs between two lists of one kind or after
 * the first block of a list item are dropped and adjacent ordered lists joined (each would read
 * back differently).
 */
function markdownShape(node: JSONContent, parentType?: string): JSONContent {
	if (!node.content?.length) return node;
	const inBulletList = node.type === 'listItem' && parentType === 'bulletList';
	let content = node.content;
	const textBlock = content.some((c) => c.type === 'text' || c.type === 'hardBreak');
	if (textBlock) {
		let end = content.length;
		while (end > 0 && content[end - 1].type === 'hardBreak') end--;
		content = content.slice(0, end);
		if (node.type === 'paragraph' && content.every((c) => c.type === 'text' && !/\S/.test(c.text ?? ''))) content = [];
	} else {
		content = [];
		for (const child of node.content.map((c) => markdownShape(c, node.type))) {
			// a list item's blocks after the first cannot include empty paragraphs; a bullet item
			// cannot start with an empty paragraph followed by a paragraph ('-' then text reads as one)
			if (node.type === 'listItem' && content.length && isEmptyParagraph(child)) continue;
			if (inBulletList && content.length === 1 && isEmptyParagraph(content[0]) && child.type === 'paragraph') content.length = 0;
			// blank lines between two lists of a kind do not end the list: drop those empty paragraphs
			let k = content.length;
			while (k > 0 && isEmptyParagraph(content[k - 1])) k--;
			if (k < content.length && isList(child) && content[k - 1]?.type === child.type) content.length = k;
			const last = content[content.length - 1];
			// Tiptap's ordered-list tokenizer reads two adjacent ordered lists as one
			if (last?.type === 'orderedList' && child.type === 'orderedList') {
				content[content.length - 1] = { ...last, content: [...(last.content ?? []), ...(child.content ?? [])] };
			} else if (last?.type === 'bulletList' && child.type === 'bulletList') {
				const marker = last.attrs?.[BULLET_MARKER] === '+' ? '-' : '+';
				content.push({ ...child, attrs: { ...child.attrs, [BULLET_MARKER]: marker } });
			} else content.push(child);
		}
	}
	return { ...node, content };
}

/** Blocks without the empty paragraphs at the start and end (markdown has no form for them). */
function trimEmptyParagraphs(blocks: JSONContent[]): JSONContent[] {
	let start = 0;
	let end = blocks.length;
	while (start < end && isEmptyParagraph(blocks[start])) start++;
	while (end > start && isEmptyParagraph(blocks[end - 1])) end--;
	return start === 0 && end === blocks.length ? blocks : blocks.slice(start, end);
}

/** Serialise ProseMirror JSON of a notes document to markdown (no trailing newline). */
export function jsonToMarkdown(json: JSONContent): string {
	const content = trimEmptyParagraphs(markdownShape(json).content ?? []);
	if (!content.length) return '';
	return getConverter()
		.markdown.serialize({ ...json, content })
		.replace(/^(?:[ \t]*\n)+/, '')
		.replace(/\s+$/, '');
}

/**
 * Replace the content of `fragment` with `md` parsed as markdown. The fragment must belong to a
 * Y.Doc; call this inside the caller's `doc.transact(fn, origin)` so it joins that transaction.
 * Only the differing parts of the fragment are rewritten.
 */
export function markdownToFragment(md: string, fragment: Y.XmlFragment): void {
	prosemirrorJSONToYXmlFragment(getConverter().schema, markdownToJSON(md), fragment);
}

/** The markdown of a notes fragment ('' when empty). */
export function fragmentToMarkdown(fragment: Y.XmlFragment): string {
	if (fragment.length === 0) return '';
	return jsonToMarkdown(yXmlFragmentToProsemirrorJSON(fragment) as JSONContent);
}
