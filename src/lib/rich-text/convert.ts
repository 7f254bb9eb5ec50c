/**
 * Card notes as rich text: the one Tiptap extension list shared by the browser editor and the
 * Node-side converters (so both use the same ProseMirror schema), and markdown <-> Y.XmlFragment
 * conversion built from @tiptap/markdown (marked-based parse/serialise) and @tiptap/y-tiptap
 * (ProseMirror <-> Yjs). Runs in plain Node: no DOM is touched.
 * The extension list is extensions.ts, the schema and manager markdown-manager.ts, the serialiser's
 * escapes markdown-escapes.ts.
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
 * ordered-list tokenizer reads differently. The stock Tiptap serialisers are extended (the `Safe*`
 * extensions in extensions.ts) where they leave markdown that reads back differently.
 */
import * as Y from 'yjs';
import type { JSONContent } from '@tiptap/core';
import { Fragment, type Schema } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { BULLET_MARKER } from './extensions.ts';
import { getConverter } from './markdown-manager.ts';

/** Longest notes text (markdown characters) the converters accept; longer input is truncated. */
export const MAX_NOTES_LENGTH = 100_000;

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
