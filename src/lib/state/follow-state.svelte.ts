/**
 * Presenter-follow for one open board: runs the pure machine of `sync/follow.ts` on every
 * awareness change and publishes my own presentation (`presenting` in my awareness state). Both
 * the board page and the present page create one; `destroy()` on leave.
 */
import type { Awareness } from 'y-protocols/awareness';
import { activePresenter, readPeers, setPresenting, type Presenting } from '$lib/sync/presence.ts';
import { IDLE, rejoin, release, seePresenter, type FollowModel } from '$lib/sync/follow.ts';

interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

/** A random presentation session id (not a secret: it only tells presentations apart). */
function newSession(): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reactive follow state of this browser. */
export class FollowState {
	readonly #awareness: Awareness;
	readonly #wanted: string | null;
	/** The current state (reactive). */
	model = $state<FollowModel>(IDLE);

	/** `wanted`: the session this page was opened to follow (`?follow=`), if any. */
	constructor(awareness: Awareness, wanted: string | null = null) {
		this.#awareness = awareness;
		this.#wanted = wanted;
		awareness.on('change', this.#onChange);
		this.#see([...awareness.getStates().keys()]);
	}

	#onChange = (change: AwarenessChange) => this.#see(change.added);

	#see(added: readonly number[]): void {
		const presenter = activePresenter(readPeers(this.#awareness));
		const before = this.model;
		const next = seePresenter(before, { presenter, arrived: presenter !== null && added.includes(presenter.clientId), wanted: this.#wanted });
		// someone started later than me: they present now, I follow (and stop announcing mine)
		if (before.mode === 'presenting' && next.mode !== 'presenting' && this.mine) setPresenting(this.#awareness, null);
		this.model = next;
	}

	/** My own presentation as published, or null. */
	get mine(): Presenting | null {
		return (this.#awareness.getLocalState()?.presenting as Presenting | null | undefined) ?? null;
	}

	/**
	 * Start presenting to everyone at slide `slide` (0-based) of kind `kind`. Starting while someone
	 * presents takes over: the start time is made later than theirs even if their clock is ahead.
	 */
	start(slide: number, kind: string): void {
		const current = activePresenter(readPeers(this.#awareness))?.presenting?.startedAt ?? 0;
		setPresenting(this.#awareness, { session: newSession(), slide, kind, startedAt: Math.max(Date.now(), current + 1) });
	}

	/** Tell followers I moved to slide `slide` (no-op unless I present). */
	moveTo(slide: number, kind: string): void {
		const mine = this.mine;
		if (!mine || (mine.slide === slide && mine.kind === kind)) return;
		setPresenting(this.#awareness, { ...mine, slide, kind });
	}

	/** Stop presenting: everyone is released. */
	stop(): void {
		if (this.mine) setPresenting(this.#awareness, null);
	}

	/** Stop following (stay on the current slide). */
	release(): void {
		this.model = release(this.model);
	}

	/** Follow the presenter again. */
	follow(): void {
		this.model = rejoin(this.model);
	}

	/** Hide the "<name> is presenting now" notice. */
	dismissTakeover(): void {
		this.model = { ...this.model, takeover: null };
	}

	/** Stop listening (does not clear my presentation: the connection's end does). */
	destroy(): void {
		this.#awareness.off('change', this.#onChange);
	}
}
