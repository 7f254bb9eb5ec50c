/**
 * Which presence (awareness) states on which board came from which other instance, so that when
 * an instance dies — no heartbeat for a few seconds — or says goodbye, its clients' states can be
 * removed everywhere: the removal is an ordinary awareness update (state `null` at the next
 * clock), applied by each room like any relayed presence and passed on to its clients. No I/O,
 * no timers: the relay feeds it messages and asks it, on its own clock, who has gone quiet.
 */
import { decodeAwarenessEntries, encodeAwarenessEntries, type AwarenessEntry } from '../awareness-guard.ts';

/** Removals to apply on one board: an awareness update setting the given clients' states to null. */
export interface PresenceRemoval {
	readonly boardId: string;
	readonly update: Uint8Array;
	readonly clientIds: readonly number[];
}

interface Origin {
	/** When we last heard from it (ms, caller's clock). */
	lastHeard: number;
	/** How long it may stay silent before it counts as dead (ms). */
	deadAfterMs: number;
	/** boardId → clientId → last clock seen. */
	readonly boards: Map<string, Map<number, number>>;
}

/** Tracks other instances' presence states; see the module comment. */
export class RemotePresence {
	private readonly origins = new Map<string, Origin>();
	/** boardId → clientId → origin that last set it (a client that reconnected elsewhere moves). */
	private readonly ownerOf = new Map<string, Map<number, string>>();

	/**
	 * @param deadAfterMs silence (ms) after which an instance counts as dead, unless its heartbeats
	 *   announce a longer interval (then three of those).
	 */
	constructor(private readonly deadAfterMs: number) {}

	/** An instance is alive (a heartbeat or any message from it) at `now`. */
	heard(origin: string, now: number, intervalMs?: number): void {
		const known = this.origins.get(origin);
		const deadAfterMs = Math.max(this.deadAfterMs, intervalMs === undefined ? 0 : 3 * intervalMs);
		if (known) {
			known.lastHeard = now;
			if (intervalMs !== undefined) known.deadAfterMs = deadAfterMs;
		} else this.origins.set(origin, { lastHeard: now, deadAfterMs, boards: new Map() });
	}

	/** Records an awareness update `origin` relayed for `boardId` (undecodable updates are ignored). */
	noteAwareness(origin: string, boardId: string, update: Uint8Array, now: number): void {
		let entries: AwarenessEntry[];
		try {
			entries = decodeAwarenessEntries(update);
		} catch {
			return;
		}
		this.heard(origin, now);
		const from = this.origins.get(origin)!;
		let clients = from.boards.get(boardId);
		if (!clients) from.boards.set(boardId, (clients = new Map()));
		let owners = this.ownerOf.get(boardId);
		if (!owners) this.ownerOf.set(boardId, (owners = new Map()));
		for (const entry of entries) {
			const previousOwner = owners.get(entry.clientId);
			if (previousOwner !== undefined && previousOwner !== origin) this.origins.get(previousOwner)?.boards.get(boardId)?.delete(entry.clientId);
			if (entry.stateJson === 'null') {
				clients.delete(entry.clientId);
				if (owners.get(entry.clientId) === origin || previousOwner === undefined) owners.delete(entry.clientId);
			} else {
				clients.set(entry.clientId, entry.clock);
				owners.set(entry.clientId, origin);
			}
		}
		if (clients.size === 0) from.boards.delete(boardId);
		if (owners.size === 0) this.ownerOf.delete(boardId);
	}

	/** The instance is gone (said goodbye): its states to remove, one update per board. */
	forget(origin: string): PresenceRemoval[] {
		const from = this.origins.get(origin);
		if (!from) return [];
		this.origins.delete(origin);
		const removals: PresenceRemoval[] = [];
		for (const [boardId, clients] of from.boards) {
			const owners = this.ownerOf.get(boardId);
			const entries: AwarenessEntry[] = [];
			for (const [clientId, clock] of clients) {
				if (owners?.get(clientId) !== origin) continue;
				owners.delete(clientId);
				entries.push({ clientId, clock: clock + 1, stateJson: 'null' });
			}
			if (owners?.size === 0) this.ownerOf.delete(boardId);
			if (entries.length > 0) removals.push({ boardId, update: encodeAwarenessEntries(entries), clientIds: entries.map((e) => e.clientId) });
		}
		return removals;
	}

	/** Instances silent for longer than allowed at `now`: forgets them and returns their removals. */
	expire(now: number): { origins: string[]; removals: PresenceRemoval[] } {
		const origins: string[] = [];
		const removals: PresenceRemoval[] = [];
		for (const [origin, from] of [...this.origins]) {
			if (now - from.lastHeard <= from.deadAfterMs) continue;
			origins.push(origin);
			removals.push(...this.forget(origin));
		}
		return { origins, removals };
	}

	/** Drops what is known about a board (this instance closed it: its room and presence are gone). */
	dropBoard(boardId: string): void {
		this.ownerOf.delete(boardId);
		for (const from of this.origins.values()) from.boards.delete(boardId);
	}

	/** Instances currently counted alive (for tests and logs). */
	liveOrigins(): string[] {
		return [...this.origins.keys()];
	}
}
