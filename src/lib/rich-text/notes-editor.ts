/**
 * Tiptap editor bound to one card's notes (a Y.XmlFragment), with collaborative carets from
 * awareness. The schema comes from richTextExtensions() so the browser and the Node-side markdown
 * converters agree. Browser only.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { richTextExtensions } from '$lib/rich-text/extensions.ts';
import type { PresenceUser } from '$lib/sync/identity.ts';

/** What a notes editor needs. */
export interface NotesEditorOptions {
	/** Where ProseMirror mounts. */
	element: HTMLElement;
	/** The card's notes fragment (from the model's cardNotes). */
	fragment: Y.XmlFragment;
	/** Board awareness, for carets of others editing the same notes. */
	awareness: Awareness;
	/** Me, as my caret is labelled for others. */
	user: PresenceUser;
	/** False for view links. */
	editable: boolean;
	/** Accessible label of the editing surface. */
	label: string;
	/** Placeholder-like hint shown by CSS when empty (`data-empty-hint`). */
	hint?: string;
}

/** Create the editor; the caller destroys it (`editor.destroy()`) when the card closes. */
export function createNotesEditor(options: NotesEditorOptions): Editor {
	return new Editor({
		element: options.element,
		editable: options.editable,
		extensions: [
			...richTextExtensions(),
			Collaboration.configure({ fragment: options.fragment }),
			CollaborationCaret.configure({
				provider: { awareness: options.awareness },
				user: { name: options.user.name, color: options.user.color }
			})
		],
		editorProps: {
			attributes: {
				class: 'notes-prose',
				role: 'textbox',
				'aria-multiline': 'true',
				'aria-label': options.label,
				...(options.editable ? {} : { 'aria-readonly': 'true' }),
				...(options.hint ? { 'data-empty-hint': options.hint } : {})
			}
		}
	});
}
