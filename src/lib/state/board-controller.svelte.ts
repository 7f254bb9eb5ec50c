import { m } from '$lib/paraglide/messages.js';
import { modelFailureText } from '$lib/error-text/model-error-text.ts';
/**
 * Everything one open board needs in the browser, in one place: the connection, reactive plan,
 * presence, status, undo, camera, selection and the user's actions. Components read it from
 * context (board-context.ts) and call its methods; only the model writes to the Y.Doc.
 */
import {
	addCard,
	createOrigin,
	docSchemaVersion,
	editTitle,
	MAX_COORDINATE,
	migrateDoc,
	SCHEMA_VERSION,
	deleteCards,
	duplicateCards,
	moveCard,
	moveCards,
	placeGroupInZones,
	placeInZone,
	updateCard,
	updateMeta,
	ZONE_OF_KIND,
	ZONES,
	CARD_HEIGHT,
	CARD_WIDTH,
	type BoardMeta,
	type Card,
	type CardKind
} from '$lib/model/core.ts';
import { connectBoard, type BoardConnection, type FatalReason } from '$lib/sync/connection.ts';
import { loadUser, saveUser, cleanName, type PresenceUser } from '$lib/sync/identity.ts';
import { setPresenceEditing, setPresencePointer, setPresenceSelection, setPresenceUser, type CanvasPoint } from '$lib/sync/presence.ts';
import { readingOrder } from '../canvas/selection.ts';
import { KIND_LABEL, ZONE_LABEL } from '../display/labels.ts';
import { PlanState } from './plan-state.svelte.ts';
import { UndoState } from './undo-state.svelte.ts';
import { PresenceState } from './presence-state.svelte.ts';
import { ReviewState } from './review-state.svelte.ts';
import { CheckpointPlans } from './checkpoint-plans.svelte.ts';
import type { Comparison } from './comparison.svelte.ts';
import type { PlanData } from '$lib/model/types.ts';
import type { RestoreResult } from '$lib/model/restore.ts';
import { SyncStatusState } from './sync-status-state.svelte.ts';
import { ViewportState } from './viewport-state.svelte.ts';
import { findFreeSlot } from '../canvas/placement.ts';
import { FIRST_VIEW_READABLE, FIRST_VIEW_TOP, firstViewRect } from '../canvas/first-view.ts';
import { boardLink, forgetBoard } from './recent-boards.ts';
import { appUpdate } from './app-update.svelte.ts';
import { guardUnsavedWork } from '$lib/sync/leave-guard.ts';

/** Screen px the card details panel covers at the right of the canvas (width + margins). */
export const PANEL_INSET = 404;

/**
 * Canvas widths up to this (screen px) are phones: the card details open as a bottom sheet
 * instead of a panel at the right. Same number as the `max-width: 600px` media queries.
 */
export const SHEET_MAX_WIDTH = 600;

/** Share of the canvas height the card details sheet covers on phones (CSS: CardPanel.svelte). */
export const SHEET_FRACTION = 0.58;

/** Where the card details panel sits for a canvas of this size, and what it covers (screen px). */
export function panelInsets(canvasWidth: number, canvasHeight: number): { right: number; bottom: number } {
	if (canvasWidth > 0 && canvasWidth <= SHEET_MAX_WIDTH) return { right: 0, bottom: Math.round(canvasHeight * SHEET_FRACTION) };
	return { right: PANEL_INSET, bottom: 0 };
}

/** World px a duplicate lands right of and below its original. */
export const DUPLICATE_OFFSET = 24;

/** Which overlay is open on the board. */
export type BoardDialog = 'share' | 'settings' | 'chart' | 'shortcuts' | 'delete' | 'checkpoints' | 'remove-offline-copy' | 'find' | null;

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
	/** Decisions, action items and checkpoint records (review mode). */
	readonly reviews: ReviewState;
	/** Plans saved in checkpoints, fetched on demand. */
	readonly checkpointPlans: CheckpointPlans;
	readonly status: SyncStatusState;
	readonly viewport = new ViewportState();
	/** Origin of every write from this browser; undo tracks exactly this. */
	readonly origin = createOrigin('user');
	/** Links this browser knows; both change when an editor here resets one. */
	links = $state<BoardLinks>({});
	/**
	 * The token this browser uses for the board, socket and HTTP API alike (checkpoints, export);
	 * it changes when this editor resets the edit link.
	 */
	token = $state('');

	/** Selected cards, in the order they were selected. Replaced as a whole, never mutated. */
	selection = $state.raw<readonly string[]>([]);
	/** The card keyboard focus is on (or was last on), kept drawn even off screen. */
	focusedId = $state<string | null>(null);
	/** Bumped to ask the canvas to move DOM focus to {@link focusedId} once it is drawn. */
	focusRequest = $state(0);
	/** True while Space is held: drags pan the board, also over cards (the hand tool). */
	handTool = $state(false);
	/** The open card context menu: the card it acts on and where (client px), or null. */
	cardMenu = $state<{ id: string; x: number; y: number } | null>(null);
	/** A short message shown over the canvas (e.g. why a card went back to its zone), or null. */
	hint = $state<string | null>(null);
	#hintTimer: ReturnType<typeof setTimeout> | undefined;
	/** A card whose title input should take focus once shown (set for new cards). */
	focusTitleOf = $state<string | null>(null);
	/** Open dialog. */
	dialog = $state<BoardDialog>(null);
	/** "Compare with now" against a checkpoint, or null. */
	comparison = $state<Comparison | null>(null);
	/** Set when the server refuses the board for good. */
	fatal = $state<FatalReason | null>(null);
	/** Me, as shown to others. */
	user = $state<PresenceUser>({ name: '', color: '#2563eb' });

	readonly #offFatal: () => void;
	/** Refusals this user's own action is causing right now (see {@link expectRefusal}). */
	readonly #expected = new Set<FatalReason>();
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
		this.reviews = new ReviewState(doc, this.origin);
		this.checkpointPlans = new CheckpointPlans(options.boardId, () => this.token);
		this.status = new SyncStatusState(this.connection, { readOnly: options.access !== 'edit' });
		this.user = loadUser();
		setPresenceUser(awareness, this.user);
		setPresenceEditing(awareness, null);
		this.token = options.token;
		this.#offFatal = this.connection.onFatal((reason, socketToken) => {
			if (this.#expected.has(reason)) return;
			// a socket opened with the token this editor just replaced: continue with the new one
			if (reason === 'bad-token' && socketToken !== this.token) return this.connection.reconnect();
			this.fatal = reason;
		});
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

	/**
	 * Marks a refusal (4401 / 4404) that this user's own action is about to cause — resetting the
	 * edit link, deleting the board — as expected, so it is not shown as an error. Returns the
	 * function that ends the expectation.
	 */
	expectRefusal(reason: FatalReason): () => void {
		this.#expected.add(reason);
		return () => this.#expected.delete(reason);
	}

	/**
	 * Takes new links after a reset made here: `editToken`/`viewToken` are the board's tokens now.
	 * An editor continues with the new edit token (the socket that held the old one reconnects).
	 */
	useLinks(editToken: string, viewToken: string): void {
		this.links = { edit: boardLink(this.boardId, editToken), view: boardLink(this.boardId, viewToken) };
		if (this.access !== 'edit' || editToken === this.token) return;
		this.token = editToken;
		this.connection.setToken(editToken);
		this.connection.reconnect();
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

	/** The one selected card (its details panel is open), or null when none or several are. */
	get selectedId(): string | null {
		return this.selection.length === 1 ? this.selection[0] : null;
	}

	/** Select one card (or none); others see a marker on the card I have open. */
	select(id: string | null): void {
		this.setSelection(id === null ? [] : [id]);
	}

	/** Select exactly `ids` (no duplicates); others see them outlined in my colour. */
	setSelection(ids: readonly string[]): void {
		const next = [...new Set(ids)];
		const same = next.length === this.selection.length && next.every((id, i) => id === this.selection[i]);
		// a box drag calls this on every pointer move: publish only real changes (each is a message)
		if (same && this.#published) return;
		this.selection = next;
		this.#published = true;
		const { awareness } = this.connection;
		setPresenceEditing(awareness, this.readOnly ? null : this.selectedId);
		setPresenceSelection(awareness, this.selection);
	}
	/** True once the selection has been published to awareness. */
	#published = false;

	/** Select every card on the board. */
	selectAll(): void {
		this.setSelection(this.plan.cardIds);
	}

	/** True when card `id` is selected. */
	isSelected(id: string): boolean {
		return this.selection.includes(id);
	}

	/** Every card id in reading order (zone by zone, row by row): the keyboard's walk. */
	readingOrder(): string[] {
		const cards = [];
		for (const id of this.plan.cardIds) {
			const card = this.plan.card(id);
			if (card) cards.push(card);
		}
		return readingOrder(cards);
	}

	/** Put keyboard focus on card `id`: bring it into view, draw it and focus it. */
	focusCard(id: string): void {
		const rect = this.plan.rectOf(id);
		if (!rect) return;
		this.focusedId = id;
		this.viewport.reveal(rect);
		this.focusRequest++;
	}

	/** Show `message` over the canvas for a few seconds. */
	showHint(message: string): void {
		clearTimeout(this.#hintTimer);
		this.hint = message;
		this.#hintTimer = setTimeout(() => (this.hint = null), 4000);
	}

	/**
	 * Move cards to new top-left corners in one change, each kept inside its zone (see
	 * placeInZone); when one was dropped outside its zone, a hint says where it went and why.
	 */
	placeCards(moves: readonly { id: string; x: number; y: number }[]): void {
		if (this.readOnly || moves.length === 0) return;
		const strays: string[] = [];
		const cards = moves.flatMap((m) => {
			const card = this.plan.card(m.id);
			return card ? [{ card, id: m.id, zone: ZONE_OF_KIND[card.kind], x: m.x, y: m.y }] : [];
		});
		// the cards of each zone move as one group: pushed against an edge, they stop together
		const placed = placeGroupInZones(cards).map((spot, i) => {
			const { card } = cards[i];
			if (spot.strayed) strays.push(`${KIND_LABEL[card.kind]} “${card.title}” → ${ZONE_LABEL[spot.zone]}`);
			return { id: spot.id, x: spot.x, y: spot.y };
		});
		moveCards(this.connection.doc, placed, this.origin);
		if (strays.length > 0) {
			const what = strays.length === 1 ? strays[0] : m.board_strays_many({ count: strays.length });
			this.showHint(m.board_strays({ what }));
		}
	}

	/** Move cards to exact positions (a drag in progress) in one transaction; no zone rules yet. */
	moveMany(moves: readonly { id: string; x: number; y: number }[]): void {
		if (this.readOnly || moves.length === 0) return;
		const clamp = (v: number) => Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, Math.round(v)));
		moveCards(this.connection.doc, moves.map((m) => ({ id: m.id, x: clamp(m.x), y: clamp(m.y) })), this.origin);
	}

	/** Open the context menu of card `id` at client point (x, y). */
	openCardMenu(id: string, x: number, y: number): void {
		this.cardMenu = { id, x, y };
	}

	/** Nudge the selected cards by (dx, dy) world px, as one change. */
	nudgeSelection(dx: number, dy: number): void {
		if (this.readOnly) return;
		const moves = this.selection.flatMap((id) => {
			const card = this.plan.card(id);
			return card ? [{ id, x: (card.x ?? 0) + dx, y: (card.y ?? 0) + dy }] : [];
		});
		this.undo.stopCapturing();
		this.placeCards(moves);
		this.undo.stopCapturing();
	}

	/** Delete the selected cards as one change (one undo step). */
	removeSelection(): void {
		if (this.readOnly || this.selection.length === 0) return;
		this.undo.stopCapturing();
		deleteCards(this.connection.doc, this.selection, this.origin);
		this.undo.stopCapturing();
		this.setSelection([]);
	}

	/** Copy cards `ids` (default: the selection) in place, offset down-right, and select the copies. */
	duplicate(ids: readonly string[] = this.selection): string[] {
		if (this.readOnly || ids.length === 0) return [];
		this.undo.stopCapturing();
		// the copies keep the originals' layout, each zone's group shifted into its zone as one
		const spots = new Map(
			placeGroupInZones(
				ids.flatMap((id) => {
					const card = this.plan.card(id);
					return card ? [{ id, zone: ZONE_OF_KIND[card.kind], x: (card.x ?? 0) + DUPLICATE_OFFSET, y: (card.y ?? 0) + DUPLICATE_OFFSET }] : [];
				})
			).map((spot) => [spot.id, spot])
		);
		const copies = duplicateCards(
			this.connection.doc,
			ids,
			(card) => {
				const spot = spots.get(card.id) ?? placeInZone(ZONE_OF_KIND[card.kind], (card.x ?? 0) + DUPLICATE_OFFSET, (card.y ?? 0) + DUPLICATE_OFFSET);
				return { x: spot.x, y: spot.y };
			},
			this.origin
		);
		this.undo.stopCapturing();
		this.setSelection(copies);
		return copies;
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
		const inset = panelInsets(this.viewport.width, this.viewport.height);
		const spot = findFreeSlot(ZONE_OF_KIND[kind], this.viewport.usable(64, inset.right, inset.bottom), (area) => this.plan.idsIn(area).length > 0);
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
		this.openPanelInsets(); // the panel is about to open
		this.viewport.reveal({ ...spot, width: CARD_WIDTH, height: CARD_HEIGHT });
		return id;
	}

	/**
	 * Change typed fields of a card (`undefined` removes an optional field). Returns null, or the
	 * refusal in the UI language (modelErrorText: e.g. 'The end month cannot be before the start month').
	 */
	update(id: string, patch: Record<string, unknown>): string | null {
		if (this.readOnly) return m.board_view_only();
		try {
			updateCard(this.connection.doc, id, patch, this.origin);
			return null;
		} catch (error) {
			return modelFailureText(error, this.plan.meta.currency);
		}
	}

	/**
	 * Type into a title — card `id`'s, or the board's when null — as shared text: `value` is the
	 * field's whole text, written as the smallest change (`caret`, where the caret is in it, places
	 * an ambiguous insertion). Fast typing merges into one undo step. Returns null or the refusal in
	 * the UI language (e.g. 'Title: at most 200 characters').
	 */
	editTitle(id: string | null, value: string, caret?: number): string | null {
		if (this.readOnly) return m.board_view_only();
		try {
			editTitle(this.connection.doc, id, value, this.origin, caret);
			return null;
		} catch (error) {
			return modelFailureText(error, this.plan.meta.currency);
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
		deleteCards(this.connection.doc, [id], this.origin);
		this.undo.stopCapturing();
		if (this.isSelected(id)) this.setSelection(this.selection.filter((s) => s !== id));
	}

	/** Change board settings. Returns null, or the refusal in the UI language (modelErrorText). */
	updateMeta(patch: Partial<BoardMeta>): string | null {
		if (this.readOnly) return m.board_view_only();
		try {
			this.undo.stopCapturing();
			updateMeta(this.connection.doc, patch, this.origin);
			return null;
		} catch (error) {
			return modelFailureText(error, this.plan.meta.currency);
		}
	}

	/**
	 * Make the board equal to `plan` (a checkpoint) as new changes, undoable in one step. Returns
	 * what changed, or the refusal in the UI language when refused. The restore code (it converts notes
	 * through the rich-text schema) is loaded on first use, outside the board's first chunk.
	 */
	async restore(plan: PlanData): Promise<RestoreResult | string> {
		if (this.readOnly) return m.board_view_only();
		try {
			const { restorePlan } = await import('$lib/model/restore.ts');
			this.undo.stopCapturing();
			const result = restorePlan(this.connection.doc, plan, this.origin);
			this.undo.stopCapturing();
			return result;
		} catch (error) {
			return modelFailureText(error, this.plan.meta.currency);
		}
	}

	/** Pan (and zoom in if needed) so card `id` is on screen, and select it. */
	reveal(id: string): void {
		const rect = this.plan.rectOf(id);
		if (!rect) return;
		this.openPanelInsets(); // selecting opens the details panel
		this.viewport.reveal(rect);
		this.select(id);
	}

	/** Mark the part of the canvas the (opening) details panel covers, so "bring into view" avoids it. */
	openPanelInsets(): void {
		const inset = panelInsets(this.viewport.width, this.viewport.height);
		this.viewport.insetRight = inset.right;
		this.viewport.insetBottom = inset.bottom;
	}

	/**
	 * Show the three zones and every card, top-aligned (the zones' headers stay on screen).
	 * `widthOnly` (first view of a board) fits the zones' width and lets tall content run below;
	 * on a phone it shows the first zone across rather than all three too small to read.
	 */
	fitAll(widthOnly = false): void {
		this.viewport.fit(firstViewRect(this.plan.contentBounds, widthOnly), 1, 0, FIRST_VIEW_TOP, 'top', widthOnly ? FIRST_VIEW_READABLE : undefined);
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
		clearTimeout(this.#hintTimer);
		this.#offFatal();
		this.#offGuard();
		this.connection.provider.off('sync', this.#afterSync);
		this.plan.destroy();
		this.undo.destroy();
		this.connection.destroy();
	}
}
