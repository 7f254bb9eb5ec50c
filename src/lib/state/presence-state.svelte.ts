/**
 * Reactive view of who is on the board, from y-protocols awareness. Two channels: `peers`
 * (every awareness change, e.g. pointer moves, for cursors and avatars) and `editors` (only when
 * the set of "who has which card open or selected" changes, so cards don't re-render on pointer
 * moves).
 */
import type { Awareness } from 'y-protocols/awareness';
import { createSubscriber } from 'svelte/reactivity';
import { activePresenter, editorsByCard, readPeers, selectorsByCard, type Peer } from '$lib/sync/presence.ts';

/** Stable text form of an editors (or selectors) map, to detect real changes. */
function signature(editors: Map<string, Peer[]>): string {
	const parts: string[] = [];
	for (const [card, peers] of editors) parts.push(`${card}:${peers.map((p) => `${p.clientId}/${p.name}/${p.color}`).join(',')}`);
	return parts.sort().join('|');
}

/** Who has which card open, and who has which card selected. */
interface CardWatchers {
	editors: Map<string, Peer[]>;
	selectors: Map<string, Peer[]>;
}

function watchers(awareness: Awareness): CardWatchers {
	const peers = readPeers(awareness);
	return { editors: editorsByCard(peers), selectors: selectorsByCard(peers) };
}

function watchersSignature(w: CardWatchers): string {
	return `${signature(w.editors)}#${signature(w.selectors)}`;
}

/** Who is here. */
export class PresenceState {
	readonly #awareness: Awareness;
	readonly #subscribePeers: () => void;
	readonly #subscribeEditors: () => void;
	#peers: Peer[] | null = null;
	#watchers: CardWatchers;
	#watchersSignature: string;

	constructor(awareness: Awareness) {
		this.#awareness = awareness;
		this.#watchers = watchers(awareness);
		this.#watchersSignature = watchersSignature(this.#watchers);
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
				const next = watchers(awareness);
				const sig = watchersSignature(next);
				if (sig === this.#watchersSignature) return false;
				this.#watchers = next;
				this.#watchersSignature = sig;
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
		return this.#watchers.editors.get(id) ?? EMPTY;
	}

	/** Other people who have card `id` selected (empty when none). Reactive like {@link editorsOf}. */
	selectorsOf(id: string): Peer[] {
		this.#subscribeEditors();
		return this.#watchers.selectors.get(id) ?? EMPTY;
	}
}

const EMPTY: Peer[] = [];
