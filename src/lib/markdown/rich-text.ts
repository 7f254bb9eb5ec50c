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
import { MarkdownManager } from '@tiptap/markdown';
import type { Schema } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';

/** Longest notes text (markdown characters) the converters accept; longer input is truncated. */
export const MAX_NOTES_LENGTH = 100_000;

const FOUR_COLUMNS = /^(?: {4,}| {0,3}\t)/;
// Tiptap's ordered lists also take letters and roman numerals as markers ('a.', 'IV)', 'Mr.')
const BLOCK_START =
	/^([ \t]*)(?:(#{1,6})(?=[ \t]|$)|([-+*])(?=[ \t]|$)|(\d{1,9}|[ivxlcdmIVXLCDM]+|[a-zA-Z]{1,2})([.)])(?=[ \t]|$)|(=+|-+)[ \t]*$)/;

/**
 * Escape what would start a different block when a paragraph's rendered line is parsed again:
 * ATX headings, list markers (incl. Tiptap's 'a.'/'iv.' ordered markers), setext underlines and
 * indentation that would make a code block.
 */
function escapeLineStarts(text: string): string {
	return text
		.split('\n')
		.map((line, i) => {
			if (i === 0 && FOUR_COLUMNS.test(line)) line = line.trimStart();
			return line.replace(BLOCK_START, (all, indent: string, hashes, bullet, digits, delim, rule) => {
				if (hashes) return `${indent}\\${all.slice(indent.length)}`;
				if (bullet) return `${indent}\\${bullet}`;
				if (digits) return `${indent}${digits}\\${delim}`;
				if (rule) return `${indent}\\${all.slice(indent.length)}`;
				return all;
			});
		})
		.join('\n');
}

/** Paragraph whose markdown escapes line starts that the stock serialiser leaves ambiguous. */
const SafeParagraph = Paragraph.extend({
	renderMarkdown(node, helpers, context) {
		// Tiptap binds `parent` (the stock paragraph renderer) at runtime; its type omits it
		type Render = (n: typeof node, h: typeof helpers, c: typeof context) => string;
		const render = (this as unknown as { parent?: Render | null }).parent;
		const out = render ? render(node, helpers, context) : helpers.renderChildren(node.content ?? []);
		return escapeLineStarts(out);
	}
});

/** Keeps GFM tables (which the schema lacks) as their markdown source in a paragraph. */
const TableAsText = Extension.create({
	name: 'groundworkTableAsText',
	markdownTokenName: 'table',
	parseMarkdown: (token, helpers) =>
		helpers.createNode('paragraph', undefined, [helpers.createTextNode(String(token.raw ?? '').trim())])
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
			link: { openOnClick: false, autolink: true, defaultProtocol: 'https' }
		}),
		SafeParagraph,
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
			// like the editor, the manager flattens the unresolved list itself
			markdown: new MarkdownManager({ extensions: richTextExtensions() })
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
 * links, wrap stray inline content (e.g. task-list items) in paragraphs.
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
	if (type && !type.inlineContent) {
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
	if (!json.content?.length) json = { type: 'doc', content: [] };
	return json;
}

/** Serialise ProseMirror JSON of a notes document to markdown (no trailing newline). */
export function jsonToMarkdown(json: JSONContent): string {
	if (!json.content?.length) return '';
	return getConverter().markdown.serialize(json).replace(/\s+$/, '');
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
