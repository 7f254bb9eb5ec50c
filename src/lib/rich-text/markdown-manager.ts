/**
 * The schema and markdown manager of card notes, built once from the extension list (both are
 * immutable after construction).
 */
import { getSchemaByResolvedExtensions, resolveExtensions } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import type { Schema } from '@tiptap/pm/model';
import { Marked, type marked } from 'marked';
import { cjkFriendlyEmphasis } from './cjk-emphasis.ts';
import { richTextExtensions } from './extensions.ts';

interface Converter {
	schema: Schema;
	markdown: MarkdownManager;
}

let converter: Converter | undefined;

/** The schema and markdown manager, built once (both are immutable after construction). */
export function getConverter(): Converter {
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
