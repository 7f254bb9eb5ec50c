/**
 * Turning stored bytes into documents, shared by every store implementation and reader.
 */
import * as Y from 'yjs';
import type { StoredState } from './contract.ts';

/**
 * Applies a stored state (snapshot, then updates in seq order) to `doc` in one transaction.
 * Sequential application is linear in the number of updates, unlike `Y.mergeUpdates`, which
 * degrades badly on long logs. Returns false when the board has no stored content at all.
 */
export function applyStoredState(doc: Y.Doc, state: Pick<StoredState, 'snapshot' | 'updates'>, origin: unknown = null): boolean {
	const parts = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
	if (parts.length === 0) return false;
	doc.transact(() => {
		for (const part of parts) Y.applyUpdate(doc, part, origin);
	}, origin);
	return true;
}

/**
 * A snapshot and the updates after it folded into one update: the full state of a fresh doc
 * holding them (so deleted content is garbage-collected). Used by compaction.
 */
export function foldState(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Uint8Array {
	const doc = new Y.Doc();
	try {
		applyStoredState(doc, { snapshot, updates: [...updates] });
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/** The empty state of a board that is not stored. */
export const EMPTY_STATE: StoredState = Object.freeze({ snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
