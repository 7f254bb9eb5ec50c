/**
 * What one connection may do to presence (y-protocols awareness), without I/O:
 * - **Ownership**: a connection sets and removes only its own client id — the first id it
 *   announces with a state that no live connection of another link holds (or one held by a
 *   connection on the same link: the same person reconnecting). Entries for any other id are
 *   dropped: stock providers echo every peer's changes back, so those are routine, never an error.
 * - **Size**: a state whose JSON is larger than `maxStateBytes` is dropped.
 * - **Rate**: at most `perSecond` applied updates per connection, with a burst of twice that; an
 *   update over the rate is held, replaced by any newer one, and applied when the rate allows, so
 *   the last state always arrives and nothing honest is lost.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of an awareness update: a client's state (`'null'` = removed) at a clock. */
export interface AwarenessEntry {
	readonly clientId: number;
	readonly clock: number;
	/** The state as JSON text, exactly as sent; `'null'` removes the client. */
	readonly stateJson: string;
}

/** Limits on one connection's presence. */
export interface AwarenessLimits {
	/** Largest state (JSON, UTF-8 bytes) applied; bigger ones are dropped. */
	readonly maxStateBytes: number;
	/** Applied updates per second per connection (burst: twice this). */
	readonly perSecond: number;
}

/** Decodes every entry of an awareness update. Throws on a payload that does not decode. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		entries.push({ clientId, clock, stateJson: decoding.readVarString(decoder) });
	}
	return entries;
}

/** Encodes entries as one awareness update (the inverse of {@link decodeAwarenessEntries}). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.stateJson);
	}
	return encoding.toUint8Array(encoder);
}

/** Outcome of {@link ownEntryOf}. */
export interface OwnEntry {
	/** The connection's own id after this update (claimed now, or the one it had). */
	readonly ownId: number | null;
	/** The entry for that id to apply, or null when the update has none. */
	readonly entry: AwarenessEntry | null;
	/** How many entries (for other ids) were left out. */
	readonly dropped: number;
}

/**
 * Picks the entry a connection may apply from an update: the one for its own id `ownId`; when it
 * has none yet, the first entry with a state (not a removal) whose id `mayClaim` allows becomes its
 * own. Every other entry is left out.
 */
export function ownEntryOf(entries: readonly AwarenessEntry[], ownId: number | null, mayClaim: (clientId: number) => boolean): OwnEntry {
	let id = ownId;
	let entry: AwarenessEntry | null = null;
	for (const candidate of entries) {
		if (entry) break;
		if (id === null && candidate.stateJson !== 'null' && mayClaim(candidate.clientId)) id = candidate.clientId;
		if (candidate.clientId === id) entry = candidate;
	}
	return { ownId: id, entry, dropped: entries.length - (entry ? 1 : 0) };
}

/** UTF-8 size of a state's JSON. */
export function stateBytes(entry: AwarenessEntry): number {
	return Buffer.byteLength(entry.stateJson, 'utf8');
}
