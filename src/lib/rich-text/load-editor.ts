/**
 * The notes editor's code (Tiptap, ProseMirror, the markdown schema) as a chunk loaded on demand:
 * the first call starts the download, later calls share it. A failed load is retried next time.
 */
type NotesEditorModule = typeof import('./notes-editor.ts');

let loading: Promise<NotesEditorModule> | null = null;

/** Loads (once) and returns the notes editor module. */
export function loadNotesEditor(): Promise<NotesEditorModule> {
	loading ??= import('./notes-editor.ts').catch((error: unknown) => {
		loading = null;
		throw error;
	});
	return loading;
}
