/**
 * Reactive view of who is on the board, from y-protocols awareness. Two channels: `peers`
 * (every awareness change, e.g. pointer moves, for cursors and avatars) and `editors` (only when
 * the set of "who has which card open" changes, so cards don't re-render on pointer moves).
 */
import type { Awareness } from 'y-protocols/awareness';
import { createSubscriber } from 'svelte/reactivity';
import { activePresenter, editorsByCard, readPeers, type Peer } from '$lib/sync/presence.ts';

/** Stable text form of an editors map, to detect real changes. */
function signature(editors: Map<string, Peer[]>): string {
	const parts: string[] = [];
	for (const [card, peers] of editors) parts.push(`${card}:${peers.map((p) => `${p.clientId}/${p.name}/${p.color}`).join(',')}`);
	return parts.sort().join('|');
}

/** Who is here. */
export class PresenceState {
	readonly #awareness: Awareness;
	readonly #subscribePeers: () => void;
	readonly #subscribeEditors: () => void;
	#peers: Peer[] | null = null;
	#editors: Map<string, Peer[]>;
	#editorsSignature: string;

	constructor(awareness: Awareness) {
		this.#awareness = awareness;
		this.#editors = editorsByCard(readPeers(awareness));
		this.#editorsSignature = signature(this.#editors);
		this.#subscribePeers = createSubscriber((update) => {
			const onChange = () => {
				this.#peers = null;
				update();
			};
			awareness.on('change', onChange);
			return () => awareness.off('change', onChange);
		});
		this.#subscribeEditors = createSubscriber((update) => {
			const refresh = (): boolean => {
				const next = editorsByCard(readPeers(awareness));
				const sig = signature(next);
				if (sig === this.#editorsSignature) return false;
				this.#editors = next;
				this.#editorsSignature = sig;
				return true;
			};
			const onChange = () => {
				if (refresh()) update();
			};
			refresh(); // catch up on changes made while nobody was listening (read right after this)
			awareness.on('change', onChange);
			return () => awareness.off('change', onChange);
		});
	}

	/** Everyone here (self first). */
	get peers(): Peer[] {
		this.#subscribePeers();
		return (this.#peers ??= readPeers(this.#awareness));
	}

	/** Everyone except me. */
	get others(): Peer[] {
		return this.peers.filter((p) => !p.isSelf);
	}

	/** The one person presenting the review to everyone (maybe me), or null. */
	get presenter(): Peer | null {
		return activePresenter(this.peers);
	}

	/** Other people who have card `id` open (empty when none). Reactive only to editing changes. */
	editorsOf(id: string): Peer[] {
		this.#subscribeEditors();
		return this.#editors.get(id) ?? EMPTY;
	}
}

const EMPTY: Peer[] = [];
