/**
 * Cards on the system clipboard, both ways. Pure: plain plan data in, strings out, and back.
 *
 * A copy writes three forms at once:
 * - `application/x-groundwork-cards+json` ({@link CLIPBOARD_MIME}): the cards as plan data.
 *   Chromium keeps custom types of a copy event for pages of any tab of the same browser.
 * - `text/html`: the same JSON in a `data-groundwork-clipboard` attribute of a readable list, so
 *   boards also exchange cards where custom types are dropped (other browsers, some OS bridges),
 *   and rich editors show a list.
 * - `text/plain`: the cards as Groundwork markdown (src/lib/markdown), for documents; pasting that
 *   text back into a board reads the cards again.
 */
import { planToMarkdown } from '$lib/markdown/export.ts';
import { placeGroupInZones } from '$lib/model/layout.ts';
import { checkId } from '$lib/model/fields.ts';
import { validatePlan } from '$lib/model/validate.ts';
import { ZONE_OF_KIND, type Card, type PlanData } from '$lib/model/types.ts';
import { KIND_LABEL } from '../display/labels.ts';

/** Custom clipboard type of copied cards (JSON of a {@link ClipboardPayload}). */
export const CLIPBOARD_MIME = 'application/x-groundwork-cards+json';
/** Format marker and version inside the JSON. */
export const CLIPBOARD_FORMAT = 'groundwork-cards/1';
/** Most cards one paste takes. */
export const MAX_CLIPBOARD_CARDS = 2000;

/** Plan settings the copied cards came with (money is in `currency`'s minor unit). */
export type ClipboardMeta = Omit<PlanData, 'cards'>;

/** What travels on the clipboard: cards with notes as markdown, and where they came from. */
export interface ClipboardPayload {
	format: typeof CLIPBOARD_FORMAT;
	/** Board the cards were copied from (a paste there may keep links to its goals). */
	boardId: string;
	meta: ClipboardMeta;
	cards: Card[];
}

/** The three strings a copy puts on the clipboard, by type. */
export interface ClipboardWrite {
	[CLIPBOARD_MIME]: string;
	'text/html': string;
	'text/plain': string;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The clipboard forms of `cards` (typed fields, positions and notes as markdown) of a board. */
export function encodeClipboard(boardId: string, meta: ClipboardMeta, cards: readonly Card[]): ClipboardWrite {
	const payload: ClipboardPayload = { format: CLIPBOARD_FORMAT, boardId, meta: { ...meta }, cards: cards.map((c) => ({ ...c })) };
	const json = JSON.stringify(payload);
	const items = cards.map((c) => `<li>${escapeHtml(`${KIND_LABEL[c.kind]}: ${c.title}`)}</li>`).join('');
	const html = `<meta charset="utf-8"><div data-groundwork-clipboard="${escapeHtml(json)}"><ul>${items}</ul></div>`;
	// the markdown is just these cards (no figures computed from them): readable in a document, readable back by a board
	const plan: PlanData = { ...meta, cards: cards.map((c) => withoutForeignGoal(c, cards)) };
	return { [CLIPBOARD_MIME]: json, 'text/html': html, 'text/plain': planToMarkdown(plan, { positions: false, cardsOnly: true }) };
}

/** A milestone whose goal is not among `cards` loses the link in forms that cannot keep it. */
function withoutForeignGoal(card: Card, cards: readonly Card[]): Card {
	if (card.kind !== 'milestone' || card.goalId === undefined || cards.some((c) => c.id === card.goalId)) return { ...card };
	const { goalId: _goal, ...rest } = card;
	void _goal;
	return rest;
}

const NAMED_ENTITIES: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&', apos: "'" };

/** Decode character references in one pass (so `&#38;amp;` stays `&amp;`). */
function unescapeHtml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|quot|lt|gt|amp|apos);/gi, (whole, ref: string) => {
		if (ref[0] !== '#') return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
		const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
		return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

/** The JSON inside copied HTML (another browser may have re-encoded the attribute), or null. */
function jsonFromHtml(html: string): string | null {
	const match = /data-groundwork-clipboard\s*=\s*"([^"]*)"/.exec(html) ?? /data-groundwork-clipboard\s*=\s*'([^']*)'/.exec(html);
	return match ? unescapeHtml(match[1]) : null;
}

/**
 * Read copied cards from what a paste offers (custom type first, then HTML). Returns null when
 * neither holds Groundwork cards or they do not pass the plan's validation (untrusted input).
 * Milestone links to goals outside the copy are kept (a paste into the same board keeps them).
 */
export function decodeClipboard(data: { custom?: string | null; html?: string | null }): ClipboardPayload | null {
	for (const text of [data.custom, data.html ? jsonFromHtml(data.html) : null]) {
		if (!text) continue;
		const payload = parsePayload(text);
		if (payload) return payload;
	}
	return null;
}

function parsePayload(text: string): ClipboardPayload | null {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return null;
	}
	if (typeof raw !== 'object' || raw === null) return null;
	const { format, boardId, meta, cards } = raw as Record<string, unknown>;
	if (format !== CLIPBOARD_FORMAT || !Array.isArray(cards) || cards.length > MAX_CLIPBOARD_CARDS) return null;
	// links to goals outside the copy are checked on their own (validatePlan wants the goal inside)
	const foreignGoals = new Map<number, string>();
	const inside = new Set(cards.map((c) => (c as Record<string, unknown> | null)?.id));
	const local = cards.map((c, i) => {
		if (typeof c !== 'object' || c === null) return c;
		const card = c as Record<string, unknown>;
		if (card.kind === 'milestone' && typeof card.goalId === 'string' && !inside.has(card.goalId)) {
			if (checkId(card.goalId) === null) foreignGoals.set(i, card.goalId);
			const { goalId: _g, ...rest } = card;
			void _g;
			return rest;
		}
		return card;
	});
	const result = validatePlan({ ...(typeof meta === 'object' && meta !== null ? meta : {}), cards: local });
	if (!result.ok) return null;
	const { cards: clean, ...cleanMeta } = result.plan;
	for (const [i, goalId] of foreignGoals) (clean[i] as Card & { goalId?: string }).goalId = goalId;
	return { format: CLIPBOARD_FORMAT, boardId: typeof boardId === 'string' ? boardId : '', meta: cleanMeta, cards: clean };
}

/** Where pasted cards go and what the board they go into already has. */
export interface PasteTarget {
	/** The board pasted into. */
	boardId: string;
	/** World y (px) the top of the pasted group lands at (e.g. the top of the view). */
	top: number;
	/** True when the board has a goal card of this id (a pasted milestone may keep its link). */
	hasGoal: (id: string) => boolean;
	/** A fresh card id. */
	newId: () => string;
	/** True when a card of the board has its top-left corner exactly at (x, y). */
	occupied?: (x: number, y: number) => boolean;
}

/** World px a paste onto the copied cards' own place moves down-right, so both stay visible. */
export const PASTE_OFFSET = 24;

/**
 * The cards to add for a paste: new ids; a milestone keeps its goal when the goal is pasted too
 * (linked to the goal's copy) or, pasted into its own board, its goal is still there; else it
 * becomes standalone. The group keeps its layout, its top at `target.top`, each card inside its
 * zone. Pasting onto the
 * very spot the cards were copied from (same board) shifts them by {@link PASTE_OFFSET}, and so
 * does each paste that would land a card exactly on a card already there (`target.occupied`): a
 * second paste gives a second visible copy, not one hidden under the first.
 */
export function cardsToPaste(payload: ClipboardPayload, target: PasteTarget): Card[] {
	const ids = new Map(payload.cards.map((c) => [c.id, target.newId()]));
	const minY = Math.min(...payload.cards.map((c) => c.y ?? 0));
	let dy = Math.round(target.top - minY);
	let dx = 0;
	if (payload.boardId === target.boardId && Math.abs(dy) < PASTE_OFFSET) {
		dx = PASTE_OFFSET;
		dy = PASTE_OFFSET;
	}
	// the group keeps its layout: each zone's cards shift together into their zone
	const place = () => placeGroupInZones(payload.cards.map((card) => ({ id: card.id, zone: ZONE_OF_KIND[card.kind], x: (card.x ?? 0) + dx, y: (card.y ?? 0) + dy })));
	let spots = place();
	for (let tries = 0; tries < 100 && target.occupied && spots.some((s) => target.occupied!(s.x, s.y)); tries++) {
		dx += PASTE_OFFSET;
		dy += PASTE_OFFSET;
		spots = place();
	}
	return payload.cards.map((card, i) => {
		const spot = spots[i];
		const copy = { ...card, id: ids.get(card.id)!, x: spot.x, y: spot.y } as Card;
		if (copy.kind === 'milestone' && copy.goalId !== undefined) {
			const goal = copy.goalId;
			if (ids.has(goal)) copy.goalId = ids.get(goal);
			else if (!(payload.boardId === target.boardId && target.hasGoal(goal))) delete copy.goalId;
		}
		return copy;
	});
}
