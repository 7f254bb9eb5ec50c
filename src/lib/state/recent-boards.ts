/**
 * Boards this browser has opened, kept in localStorage so the home page can list and reopen them.
 * Holds each board's tokens (the links are the only credential), title and when it was last opened.
 */

/** One remembered board. `openedAt` is epoch ms. */
export interface RecentBoard {
	id: string;
	title: string;
	editToken?: string;
	viewToken?: string;
	openedAt: number;
}

const STORAGE_KEY = 'groundwork:boards';
/** Most boards remembered; older ones are forgotten first. */
export const MAX_RECENT_BOARDS = 50;

function storage(): Storage | undefined {
	try {
		return globalThis.localStorage;
	} catch {
		return undefined;
	}
}

function isRecent(value: unknown): value is RecentBoard {
	if (!value || typeof value !== 'object') return false;
	const v = value as Record<string, unknown>;
	return typeof v.id === 'string' && typeof v.title === 'string' && typeof v.openedAt === 'number' &&
		(v.editToken === undefined || typeof v.editToken === 'string') &&
		(v.viewToken === undefined || typeof v.viewToken === 'string');
}

/** Remembered boards, newest first. */
export function listRecentBoards(store: Storage | undefined = storage()): RecentBoard[] {
	try {
		const parsed: unknown = JSON.parse(store?.getItem(STORAGE_KEY) ?? '[]');
		if (!Array.isArray(parsed)) return [];
		return parsed.filter(isRecent).sort((a, b) => b.openedAt - a.openedAt);
	} catch {
		return [];
	}
}

function write(list: RecentBoard[], store: Storage | undefined): void {
	try {
		store?.setItem(STORAGE_KEY, JSON.stringify(list.slice(0, MAX_RECENT_BOARDS)));
	} catch {
		// storage full or unavailable: the list just isn't kept
	}
}

/**
 * Record (or refresh) a board: merges with what is known, so opening a view link never forgets an
 * edit token this browser already holds. `touch` (default true) moves it to the top.
 */
export function rememberBoard(
	entry: Partial<RecentBoard> & { id: string },
	options: { touch?: boolean; now?: number } = {},
	store: Storage | undefined = storage()
): RecentBoard {
	const list = listRecentBoards(store);
	const old = list.find((b) => b.id === entry.id);
	const merged: RecentBoard = {
		id: entry.id,
		title: entry.title ?? old?.title ?? 'Untitled plan',
		editToken: entry.editToken ?? old?.editToken,
		viewToken: entry.viewToken ?? old?.viewToken,
		openedAt: options.touch === false && old ? old.openedAt : (options.now ?? Date.now())
	};
	write([merged, ...list.filter((b) => b.id !== entry.id)].sort((a, b) => b.openedAt - a.openedAt), store);
	return merged;
}

/** Forget a board on this browser (its data on the server is untouched). */
export function forgetBoard(id: string, store: Storage | undefined = storage()): void {
	write(listRecentBoards(store).filter((b) => b.id !== id), store);
}

/** Known token for a board: the edit token when this browser has one, else the view token. */
export function storedToken(id: string, store: Storage | undefined = storage()): string | undefined {
	const board = listRecentBoards(store).find((b) => b.id === id);
	return board?.editToken ?? board?.viewToken;
}

/** Relative link that opens a board with a token. */
export function boardLink(id: string, token: string): string {
	return `/b/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`;
}
