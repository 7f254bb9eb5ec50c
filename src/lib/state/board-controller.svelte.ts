/**
 * Everything one open board needs in the browser, in one place: the connection, reactive plan,
 * presence, status, undo, camera, selection and the user's actions. Components read it from
 * context (board-context.ts) and call its methods; only the model writes to the Y.Doc.
 */
import {
	addCard,
	createOrigin,
	docSchemaVersion,
	MAX_COORDINATE,
	migrateDoc,
	SCHEMA_VERSION,
	deleteCard,
	moveCard,
	updateCard,
	updateMeta,
	ZONE_OF_KIND,
	CARD_HEIGHT,
	CARD_WIDTH,
	type BoardMeta,
	type Card,
	type CardKind
} from '$lib/model/core.ts';
import { connectBoard, type BoardConnection, type FatalReason } from '$lib/sync/connection.ts';
import { loadUser, saveUser, cleanName, type PresenceUser } from '$lib/sync/identity.ts';
import { setPresenceEditing, setPresencePointer, setPresenceUser, type CanvasPoint } from '$lib/sync/presence.ts';
import { PlanState } from './plan-state.svelte.ts';
import { UndoState } from './undo-state.svelte.ts';
import { PresenceState } from './presence-state.svelte.ts';
import { SyncStatusState } from './sync-status-state.svelte.ts';
import { ViewportState } from './viewport-state.svelte.ts';
import { findFreeSlot } from './placement.ts';
import { FIRST_VIEW_TOP, firstViewRect } from './first-view.ts';
import { boardLink, forgetBoard } from './recent-boards.ts';
import { appUpdate } from './app-update.svelte.ts';
import { guardUnsavedWork } from '$lib/sync/leave-guard.ts';

/** Screen px the card details panel covers at the right of the canvas (width + margins). */
export const PANEL_INSET = 404;

/** Which overlay is open on the board. */
export type BoardDialog = 'share' | 'settings' | 'chart' | 'shortcuts' | 'remove-offline-copy' | null;

/** Links this browser knows for the board (relative paths). */
export interface BoardLinks {
	edit?: string;
	view?: string;
}

/** What is needed to open a board. */
export interface OpenBoardOptions {
	boardId: string;
	token: string;
	access: 'edit' | 'view';
	editToken?: string;
	viewToken?: string;
	/** False when this browser has never opened the board (no offline copy to load). */
	cached?: boolean;
}

/** One open board. Create in the board page, `destroy()` on leave. */
export class BoardController {
	readonly boardId: string;
	readonly access: 'edit' | 'view';
	/** True when the board was saved by a newer Groundwork: it is shown but not changed. */
	tooNew = $state(false);
	readonly connection: BoardConnection;
	readonly plan: PlanState;
	readonly undo: UndoState;
	readonly presence: PresenceState;
	readonly status: SyncStatusState;
	readonly viewport = new ViewportState();
	/** Origin of every write from this browser; undo tracks exactly this. */
	readonly origin = createOrigin('user');
	readonly links: BoardLinks;

	/** Selected card (its details panel is open). */
	selectedId = $state<string | null>(null);
	/** A card whose title input should take focus once shown (set for new cards). */
	focusTitleOf = $state<string | null>(null);
	/** Open dialog. */
	dialog = $state<BoardDialog>(null);
	/** Set when the server refuses the board for good. */
	fatal = $state<FatalReason | null>(null);
	/** Me, as shown to others. */
	user = $state<PresenceUser>({ name: '', color: '#2563eb' });

	readonly #offFatal: () => void;
	readonly #offGuard: () => void;
	#syncs = 0;

	constructor(options: OpenBoardOptions) {
		this.boardId = options.boardId;
		this.access = options.access;
		this.connection = connectBoard({ boardId: options.boardId, token: options.token, cached: options.cached });
		const { doc, provider, awareness } = this.connection;
		this.plan = new PlanState(doc);
		this.undo = new UndoState(doc, this.origin);
		this.presence = new PresenceState(awareness);
		this.status = new SyncStatusState(this.connection, { readOnly: options.access !== 'edit' });
		this.user = loadUser();
		setPresenceUser(awareness, this.user);
		setPresenceEditing(awareness, null);
		this.#offFatal = this.connection.onFatal((reason) => (this.fatal = reason));
		provider.on('sync', this.#afterSync);
		// closing or reloading the tab asks while the server lacks some of my changes
		this.#offGuard = guardUnsavedWork(() => ({
			unsent: this.connection.saves.unsent,
			kept: this.connection.offlineCopy.state === 'on'
		}));
		const editToken = options.editToken ?? (options.access === 'edit' ? options.token : undefined);
		const viewToken = options.viewToken ?? (options.access === 'view' ? options.token : undefined);
		this.links = {
			edit: editToken ? boardLink(options.boardId, editToken) : undefined,
			view: viewToken ? boardLink(options.boardId, viewToken) : undefined
		};
	}

	/** True for view links (and boards from a newer version): nothing may be written. */
	get readOnly(): boolean {
		return this.access !== 'edit' || this.tooNew;
	}

	/** After the server copy arrives: bring an older board up to date, or lock a newer one. */
	#afterSync = (synced: boolean) => {
		if (!synced) return;
		// back after a lost connection: a deploy restarts the server, so look for a new version
		if (++this.#syncs > 1) appUpdate.check();
		const doc = this.connection.doc;
		const version = docSchemaVersion(doc);
		if (version !== null && version > SCHEMA_VERSION) this.tooNew = true;
		else if (this.access === 'edit') migrateDoc(doc, createOrigin('migration'));
	};

	/** Select a card (or none); others see a marker on the card I have open. */
	select(id: string | null): void {
		this.selectedId = id;
		setPresenceEditing(this.connection.awareness, this.readOnly ? null : id);
	}

	/** Publish my pointer (canvas coordinates), or null when it leaves the canvas. */
	pointer(point: CanvasPoint | null): void {
		setPresencePointer(this.connection.awareness, point);
	}

	/** Rename me (kept in this browser for every board). */
	rename(name: string): void {
		const clean = cleanName(name);
		if (!clean) return;
		this.user = { ...this.user, name: clean };
		saveUser(this.user);
		setPresenceUser(this.connection.awareness, this.user);
	}

	/**
	 * Add a card of `kind` in its zone at a free spot inside the visible part of the zone (or the
	 * zone's next free spot), select it and ask for its title to be focused. A milestone added
	 * while a goal or one of its milestones is selected becomes that goal's next step. Returns its id.
	 */
	add(kind: CardKind, fields: Partial<Card> = {}): string | null {
		if (this.readOnly) return null;
		// the new card's details panel opens on the right: look for room left of it, under the toolbar
		// "Add milestone" while a goal (or one of its steps) is selected adds the goal's next step
		if (kind === 'milestone' && !('goalId' in fields) && this.selectedId) {
			const current = this.plan.card(this.selectedId);
			const goalId = current?.kind === 'goal' ? current.id : current?.kind === 'milestone' ? current.goalId : undefined;
			if (goalId) fields = { ...fields, goalId } as Partial<Card>;
		}
		const spot = findFreeSlot(ZONE_OF_KIND[kind], this.viewport.usable(64, PANEL_INSET), (area) => this.plan.idsIn(area).length > 0);
		this.undo.stopCapturing();
		let id: string;
		try {
			id = addCard(this.connection.doc, kind, { ...fields, ...spot } as Partial<Card>, this.origin);
		} catch (error) {
			console.error('could not add card', error);
			return null;
		}
		this.undo.stopCapturing();
		this.select(id);
		this.focusTitleOf = id;
		this.viewport.insetRight = PANEL_INSET; // the panel is about to open
		this.viewport.reveal({ ...spot, width: CARD_WIDTH, height: CARD_HEIGHT });
		return id;
	}

	/**
	 * Change typed fields of a card (`undefined` removes an optional field). Returns null, or the
	 * model's message when the value is refused (e.g. 'endMonth: must not be before startMonth').
	 */
	update(id: string, patch: Record<string, unknown>): string | null {
		if (this.readOnly) return 'This board is view-only.';
		try {
			updateCard(this.connection.doc, id, patch, this.origin);
			return null;
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	}

	/** Move a card to world position (x, y). */
	move(id: string, x: number, y: number): void {
		if (this.readOnly) return;
		const clamp = (v: number) => Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, Math.round(v)));
		moveCard(this.connection.doc, id, clamp(x), clamp(y), this.origin);
	}

	/** Delete a card (undoable). */
	remove(id: string): void {
		if (this.readOnly) return;
		this.undo.stopCapturing();
		deleteCard(this.connection.doc, id, this.origin);
		this.undo.stopCapturing();
		if (this.selectedId === id) this.select(null);
	}

	/** Change board settings. Returns null, or the model's message when a value is refused. */
	updateMeta(patch: Partial<BoardMeta>): string | null {
		if (this.readOnly) return 'This board is view-only.';
		try {
			this.undo.stopCapturing();
			updateMeta(this.connection.doc, patch, this.origin);
			return null;
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	}

	/** Pan (and zoom in if needed) so card `id` is on screen, and select it. */
	reveal(id: string): void {
		const rect = this.plan.rectOf(id);
		if (!rect) return;
		this.viewport.insetRight = PANEL_INSET; // selecting opens the details panel
		this.viewport.reveal(rect);
		this.select(id);
	}

	/**
	 * Show the three zones and every card, top-aligned (the zones' headers stay on screen).
	 * `widthOnly` (first view of a board) fits the zones' width and lets tall content run below.
	 */
	fitAll(widthOnly = false): void {
		this.viewport.fit(firstViewRect(this.plan.contentBounds, widthOnly), 1, 0, FIRST_VIEW_TOP);
	}

	/**
	 * Delete this device's copy of the board (IndexedDB, the count of unsent changes and its entry
	 * in the home page's list) and stop keeping one for this page. The board on the server is
	 * untouched; changes it has not confirmed are lost.
	 */
	async removeOfflineCopy(): Promise<void> {
		await this.connection.offlineCopy.remove();
		this.connection.saves.clear();
		forgetBoard(this.boardId);
	}

	/** Leave the board: close the connection and stop observing. */
	destroy(): void {
		this.#offFatal();
		this.#offGuard();
		this.connection.provider.off('sync', this.#afterSync);
		this.plan.destroy();
		this.undo.destroy();
		this.connection.destroy();
	}
}
