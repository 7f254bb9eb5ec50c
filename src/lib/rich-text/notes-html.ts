/**
 * Card notes as read-only HTML (for slides): the notes fragment read through the same Tiptap
 * schema as the editor and serialised by Tiptap itself, so only what the schema allows comes out
 * (unsafe link targets are emptied by the link extension). Loaded on demand like the editor.
 */
import type * as Y from 'yjs';
import { generateHTML } from '@tiptap/core';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { markdownToJSON } from '$lib/rich-text/convert.ts';
import { richTextExtensions } from '$lib/rich-text/extensions.ts';

const extensions = richTextExtensions();

/** HTML of a card's notes fragment ('' when it has no text). */
export function notesHtml(fragment: Y.XmlFragment): string {
	if (fragment.length === 0) return '';
	const json = yXmlFragmentToProsemirrorJSON(fragment);
	return generateHTML(json, extensions);
}

/** HTML of notes kept as markdown (a checkpoint's plan), through the same schema. */
export function markdownNotesHtml(markdown: string): string {
	if (!markdown.trim()) return '';
	return generateHTML(markdownToJSON(markdown), extensions);
}
