/**
 * Awareness fields Groundwork publishes and how they are read back. One place knows the field
 * names: `user` ({ name, color }, shared with Tiptap's collaboration caret), `pointer` (canvas
 * coordinates or null), `editing` (id of the card whose details this person has open, or null),
 * `selection` (ids of the cards this person has selected, at most {@link MAX_SHARED_SELECTION}).
 * `presenting` ({ session, slide, kind, startedAt } while this person presents the review to
 * everyone, else absent or null; see {@link Presenting}).
 * `cursor` is left to Tiptap's caret plugin (rich-text selection).
 */
import type { Awareness } from 'y-protocols/awareness';
import { isHexColor, type PresenceUser } from './identity.ts';

/** A point on the canvas in world coordinates (px at zoom 1). */
export interface CanvasPoint {
	x: number;
	y: number;
}

/** One person connected to the board (possibly this browser). */
export interface Peer {
	clientId: number;
	name: string;
	color: string;
	/** Where their mouse is on the canvas, or null when it is off the canvas. */
	pointer: CanvasPoint | null;
	/** The card they have open, or null. */
	editing: string | null;
	/** The presentation they give to everyone, or null. */
	presenting: Presenting | null;
	/** The cards they have selected (empty when none). */
	selection: readonly string[];
	/** True for this browser's own entry. */
	isSelf: boolean;
}

/**
 * A presentation given to everyone on the board (presenter-follow rides on awareness only).
 * `session` is a random id per "Present to everyone" (a follower released from one session is
 * pulled along again by the next); `slide` is the presenter's 0-based slide index and `kind` its
 * slide kind (followers go to the slide of the same kind); `startedAt` is the presenter's clock in
 * epoch ms when the session began: when two people present, the latest start wins.
 */
export interface Presenting {
	session: string;
	slide: number;
	kind: string;
	startedAt: number;
}

/** Longest session id / slide kind accepted from others. */
const MAX_PRESENTING_TEXT = 64;

/** Publish (or clear, with null) the presentation I give to everyone. */
export function setPresenting(awareness: Awareness, presenting: Presenting | null): void {
	awareness.setLocalStateField('presenting', presenting ? { ...presenting } : null);
}

/** A remote `presenting` field, or null when it is missing or malformed. */
export function readPresenting(value: unknown): Presenting | null {
	if (!value || typeof value !== 'object') return null;
	const { session, slide, kind, startedAt } = value as Record<string, unknown>;
	if (typeof session !== 'string' || session.length === 0 || session.length > MAX_PRESENTING_TEXT) return null;
	if (typeof kind !== 'string' || kind.length > MAX_PRESENTING_TEXT) return null;
	if (typeof slide !== 'number' || !Number.isInteger(slide) || slide < 0 || slide > 1000) return null;
	if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return null;
	return { session, slide, kind, startedAt };
}

/**
 * The one presenter everybody follows (possibly me), or null. Only one at a time: when several
 * people present, the latest `startedAt` wins, ties by the larger client id, so every peer picks
 * the same one from the same states.
 */
export function activePresenter(peers: readonly Peer[]): Peer | null {
	let best: Peer | null = null;
	for (const peer of peers) {
		if (!peer.presenting) continue;
		if (
			!best ||
			peer.presenting.startedAt > best.presenting!.startedAt ||
			(peer.presenting.startedAt === best.presenting!.startedAt && peer.clientId > best.clientId)
		)
			best = peer;
	}
	return best;
}
/** Most selected card ids published (a select-all of a huge board shares its first ones). */
export const MAX_SHARED_SELECTION = 500;

/** Publish (or replace) my name and colour. */
export function setPresenceUser(awareness: Awareness, user: PresenceUser): void {
	awareness.setLocalStateField('user', { name: user.name, color: user.color });
}

/** Publish my pointer position in canvas coordinates (null when it leaves the canvas). */
export function setPresencePointer(awareness: Awareness, pointer: CanvasPoint | null): void {
	const rounded = pointer ? { x: Math.round(pointer.x), y: Math.round(pointer.y) } : null;
	awareness.setLocalStateField('pointer', rounded);
}

/** Publish the card I have open (null when none). */
export function setPresenceEditing(awareness: Awareness, cardId: string | null): void {
	awareness.setLocalStateField('editing', cardId);
}

/** Publish the cards I have selected (the first {@link MAX_SHARED_SELECTION}). */
export function setPresenceSelection(awareness: Awareness, ids: readonly string[]): void {
	awareness.setLocalStateField('selection', ids.slice(0, MAX_SHARED_SELECTION));
}

function readSelection(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value.slice(0, MAX_SHARED_SELECTION).filter((id): id is string => typeof id === 'string' && id.length <= 64);
}

function readPoint(value: unknown): CanvasPoint | null {
	if (!value || typeof value !== 'object') return null;
	const { x, y } = value as Record<string, unknown>;
	return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
		? { x, y }
		: null;
}

/**
 * Everyone currently in the awareness map that has published a user, self first, then by client id
 * (stable order for avatars). Malformed remote fields are ignored rather than trusted.
 */
export function readPeers(awareness: Awareness): Peer[] {
	const peers: Peer[] = [];
	for (const [clientId, state] of awareness.getStates()) {
		const user = (state as Record<string, unknown>).user as Record<string, unknown> | undefined;
		if (!user || typeof user.name !== 'string') continue;
		const editing = (state as Record<string, unknown>).editing;
		peers.push({
			clientId,
			name: user.name.slice(0, 60) || 'Anonymous',
			color: isHexColor(user.color) ? user.color : '#64748b',
			pointer: readPoint((state as Record<string, unknown>).pointer),
			editing: typeof editing === 'string' ? editing : null,
			presenting: readPresenting((state as Record<string, unknown>).presenting),
			selection: readSelection((state as Record<string, unknown>).selection),
			isSelf: clientId === awareness.clientID
		});
	}
	return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.clientId - b.clientId);
}

/** Card id → the other people who have it open (self excluded). */
export function editorsByCard(peers: readonly Peer[]): Map<string, Peer[]> {
	const map = new Map<string, Peer[]>();
	for (const peer of peers) {
		if (peer.isSelf || peer.editing === null) continue;
		const list = map.get(peer.editing);
		if (list) list.push(peer);
		else map.set(peer.editing, [peer]);
	}
	return map;
}

/** Card id → the other people who have it selected (self excluded). */
export function selectorsByCard(peers: readonly Peer[]): Map<string, Peer[]> {
	const map = new Map<string, Peer[]>();
	for (const peer of peers) {
		if (peer.isSelf) continue;
		for (const id of peer.selection) {
			const list = map.get(id);
			if (list) list.push(peer);
			else map.set(id, [peer]);
		}
	}
	return map;
}
