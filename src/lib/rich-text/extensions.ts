/**
 * The one Tiptap extension list of card notes, shared by the browser editor and the Node-side
 * converters (so both use the same ProseMirror schema). The stock serialisers are extended (the
 * `Safe*` extensions) where they leave markdown that reads back differently; the escapes
 * themselves are in markdown-escapes.ts.
 */
import { Extension, type AnyExtension, type JSONContent } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Heading } from '@tiptap/extension-heading';
import { BulletList, ListItem } from '@tiptap/extension-list';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Text } from '@tiptap/extension-text';
import { Link } from '@tiptap/extension-link';
import { getConverter } from './markdown-manager.ts';
import {
	codeSpanDelimiters,
	escapeDelimiterRows,
	escapeLineStarts,
	longestRun,
	parentRenderer,
	renderWithContextEscapes,
	type CodeSpanDelimiter
} from './markdown-escapes.ts';

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
export const BULLET_MARKER = 'groundworkMarker';

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
export const TableAsText = Extension.create({
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
