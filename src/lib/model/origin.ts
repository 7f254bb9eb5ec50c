/** Typed transaction origins: who made a write. */

/** Origin of every model write (the second argument of `doc.transact`). */
export interface WriteOrigin {
	readonly source: 'user' | 'server' | 'api' | 'import' | 'migration';
	/** Free text for logs (e.g. a client id); never a token. */
	readonly label?: string;
}

/**
 * A fresh origin object. Yjs UndoManager tracks origins by identity: create one per local editor
 * session and pass it in `trackedOrigins`, so undo covers that user's writes only.
 */
export function createOrigin(source: WriteOrigin['source'], label?: string): WriteOrigin {
	return label === undefined ? { source } : { source, label };
}
