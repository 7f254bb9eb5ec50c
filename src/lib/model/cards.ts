/**
 * Cards on the Y.Doc: typed reads and the named writes (each one `doc.transact(fn, origin)`).
 * Write functions throw TypeError/RangeError for invalid input before writing anything.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { assertWithinCostBound, type CostFigures } from './cost-bound.ts';
import { cardsMap, NOTES_KEY } from './doc-keys.ts';
import { CARD_SCHEMAS, DEFAULT_TITLES, fieldsOf, checkCoordinate, checkId, MAX_NOTES_CHARS, readWithDefaults, storedCardSchema, FIELD_CONFIG } from './fields.ts';
import { nextFreePosition } from './layout.ts';
import { readMeta } from './meta.ts';
import { addMonths, monthsBetween } from './month.ts';
import { newId } from './ids.ts';
import type { WriteOrigin } from './origin.ts';
import { TITLE_KEY, titleEquals, titleValue, writeTitle } from './title-text.ts';
import { CARD_KINDS, ZONE_OF_KIND, type Card, type CardKind } from './types.ts';

function isCardKind(value: unknown): value is CardKind {
	return typeof value === 'string' && (CARD_KINDS as readonly string[]).includes(value);
}

/** Values of the required fields of a new card of `kind` (title, scores, status, money 0…). */
export function cardDefaults(doc: Y.Doc, kind: CardKind, goalId?: string): Record<string, unknown> {
	const base = { title: DEFAULT_TITLES[kind] };
	switch (kind) {
		case 'role':
			return { ...base, headcount: 1, monthlyCost: 0, startMonth: readMeta(doc).startMonth };
		case 'milestone':
			return { ...base, order: nextMilestoneOrder(doc, goalId), status: 'todo' };
		case 'risk':
			return { ...base, likelihood: 3, impact: 3 };
		case 'spend':
			return {
				...base,
				category: 'other',
				amount: 0,
				recurrence: 'once',
				startMonth: readMeta(doc).startMonth
			};
		default:
			return base;
	}
}

/** The next step number of a goal: 1 + the largest `order` of its milestones (1 when none). */
export function nextMilestoneOrder(doc: Y.Doc, goalId: string | undefined): number {
	let max = 0;
	for (const card of cardsMap(doc).values()) {
		if (card.get('kind') !== 'milestone' || card.get('goalId') !== goalId) continue;
		const order = card.get('order');
		if (typeof order === 'number' && Number.isFinite(order) && order > max) max = order;
	}
	return Math.floor(max) + 1;
}

/** Typed fields of a card Y.Map; required fields that are missing or malformed read as defaults. */
function readCardMap(doc: Y.Doc, id: string, map: Y.Map<unknown>): Card | undefined {
	const kind = map.get('kind');
	if (!isCardKind(kind)) return undefined;
	const raw: Record<string, unknown> = { id, kind };
	for (const field of Object.keys(fieldsOf(kind))) {
		const value = field === TITLE_KEY ? titleValue(map.get(field)) : map.get(field);
		if (value !== undefined) raw[field] = value;
	}
	return readWithDefaults(storedCardSchema(kind), raw, () => cardDefaults(doc, kind));
}

/** The typed card `id` (notes omitted; read them with {@link cardNotes}), or undefined. */
export function readCard(doc: Y.Doc, id: string): Card | undefined {
	const map = cardsMap(doc).get(id);
	return map instanceof Y.Map ? readCardMap(doc, id, map) : undefined;
}

/** Ids of all cards of a known kind, sorted (deterministic on every client). */
export function listCardIds(doc: Y.Doc): string[] {
	const ids: string[] = [];
	for (const [id, map] of cardsMap(doc).entries()) {
		if (map instanceof Y.Map && isCardKind(map.get('kind'))) ids.push(id);
	}
	return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every readable card, sorted by id. */
export function readCards(doc: Y.Doc): Card[] {
	return listCardIds(doc).map((id) => readCard(doc, id)!);
}

/** The rich-text notes of card `id` (bind a Tiptap editor to it), or undefined. */
export function cardNotes(doc: Y.Doc, id: string): Y.XmlFragment | undefined {
	const notes = cardsMap(doc).get(id)?.get(NOTES_KEY);
	return notes instanceof Y.XmlFragment ? notes : undefined;
}

function isGoal(doc: Y.Doc, id: string): boolean {
	return cardsMap(doc).get(id)?.get('kind') === 'goal';
}

/** Throw unless `notes` is a string within the notes size limit. */
/** Checks notes given as markdown (see notes.ts for writing them). */
export function checkNotes(notes: unknown): string {
	if (typeof notes !== 'string') throw new TypeError('notes: must be a string (markdown)');
	if (notes.length > MAX_NOTES_CHARS) throw new TypeError(`notes: must be at most ${MAX_NOTES_CHARS} characters`);
	return notes;
}

/** Notes are rich text: the typed-field writers refuse them (use setCardNotes from notes.ts). */
function refuseNotes(fields: Record<string, unknown>): void {
	if (fields[NOTES_KEY] !== undefined) throw new TypeError('notes: are rich text; write them with setCardNotes');
}

/**
 * Keep endMonth ≥ startMonth for roles and spends. When a patch moves startMonth past the end
 * and does not set endMonth itself, the end moves too, keeping the duration; an explicit
 * endMonth before startMonth is an error.
 */
function reconcileDates(
	kind: CardKind,
	before: Readonly<Record<string, unknown>>,
	after: Record<string, unknown>,
	patch: Record<string, unknown>
): void {
	if (kind !== 'role' && kind !== 'spend') return;
	const start = after.startMonth as string;
	const end = after.endMonth as string | undefined;
	if (end === undefined || end >= start) return;
	if ('endMonth' in patch) throw new RangeError('endMonth: must not be before startMonth');
	const oldStart = before.startMonth as string;
	const oldEnd = before.endMonth as string;
	after.endMonth = addMonths(start, Math.max(0, monthsBetween(oldStart, oldEnd)));
}

/** Checked field values of a `kind` card as a typed card (throws TypeError should one not pass). */
function asCard(kind: CardKind, values: Record<string, unknown>): Card {
	const result = v.safeParse(storedCardSchema(kind), { ...values, kind }, FIELD_CONFIG);
	if (!result.success) throw new TypeError(`${kind}: ${result.issues[0].message}`);
	return result.output;
}

/**
 * Validate `fields` against a kind's field table; returns the fields to write. Unknown keys,
 * wrong types and a milestone `goalId` naming no goal card throw. `undefined` means "absent".
 */
function checkFields(doc: Y.Doc, kind: CardKind, fields: Record<string, unknown>): Record<string, unknown> {
	const rules = fieldsOf(kind);
	const out: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(fields)) {
		if (field === 'id' || field === 'kind' || field === NOTES_KEY) continue;
		const rule = rules[field];
		if (!rule) throw new TypeError(`${field}: a ${kind} card has no such field`);
		if (value === undefined) {
			if (!rule.optional) throw new TypeError(`${field}: is required on a ${kind} card`);
			out[field] = undefined;
			continue;
		}
		const error = rule.check(value);
		if (error) throw new TypeError(`${field}: ${error}`);
		out[field] = value;
	}
	if (kind === 'milestone' && typeof out.goalId === 'string' && !isGoal(doc, out.goalId)) {
		throw new TypeError(`goalId: names no goal card (${out.goalId})`);
	}
	return out;
}

/**
 * Add a card of `kind`, filling defaults (title 'New role'…, headcount 1, monthlyCost/amount 0,
 * startMonth = plan start, likelihood/impact 3, status 'todo', category 'other', recurrence
 * 'once', order = next step of its goal) and a free grid position in its zone when x/y are not
 * both given, with empty notes (fill them with setCardNotes); `fields.id` is kept when valid and
 * free. Returns the card id.
 */
export function addCard(
	doc: Y.Doc,
	kind: CardKind,
	fields: Partial<Card> | undefined,
	origin: WriteOrigin
): string {
	if (!isCardKind(kind)) throw new TypeError(`kind: unknown card kind ${JSON.stringify(kind)}`);
	const given = { ...(fields ?? {}) } as Record<string, unknown>;
	if (given.kind !== undefined && given.kind !== kind) throw new TypeError('kind: does not match');
	let id = newId();
	if (given.id !== undefined) {
		const error = checkId(given.id);
		if (error) throw new TypeError(`id: ${error}`);
		if (cardsMap(doc).has(given.id as string)) throw new TypeError(`id: ${given.id} is taken`);
		id = given.id as string;
	}
	refuseNotes(given);
	const checked = checkFields(doc, kind, given);
	const values: Record<string, unknown> = {
		...cardDefaults(doc, kind, checked.goalId as string | undefined),
		...checked
	};
	reconcileDates(kind, values, values, { endMonth: values.endMonth });
	assertWithinCostBound(asCard(kind, { ...values, id }), costFiguresOf(doc), readMeta(doc).horizonMonths, Object.keys(checked));
	if (typeof values.x !== 'number' || typeof values.y !== 'number') {
		Object.assign(values, nextFreePosition(cardPositions(doc), ZONE_OF_KIND[kind]));
	}
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('kind', kind);
		for (const [key, value] of Object.entries(values)) {
			if (key === TITLE_KEY) map.set(key, new Y.Text(value as string));
			else if (value !== undefined) map.set(key, value);
		}
		const fragment = new Y.XmlFragment();
		map.set(NOTES_KEY, fragment);
		cardsMap(doc).set(id, map);
	}, origin);
	return id;
}

/**
 * Change typed fields of card `id` in one transaction. Only fields of that kind are allowed
 * (TypeError otherwise, also for `notes`: see setCardNotes); `undefined` removes an optional
 * field. Unchanged values are not rewritten. Moving startMonth past endMonth shifts endMonth
 * keeping the duration. Returns false (and writes nothing) when the card does not exist, e.g.
 * because a collaborator just deleted it.
 */
export function updateCard(
	doc: Y.Doc,
	id: string,
	patch: Record<string, unknown>,
	origin: WriteOrigin
): boolean {
	const map = cardsMap(doc).get(id);
	const before = readCard(doc, id);
	if (!map || !before) return false;
	if ('id' in patch && patch.id !== id) throw new TypeError('id: cannot be changed');
	if ('kind' in patch && patch.kind !== before.kind) throw new TypeError('kind: cannot be changed');
	refuseNotes(patch);
	const checked = checkFields(doc, before.kind, patch);
	const after: Record<string, unknown> = { ...before, ...checked };
	reconcileDates(before.kind, before, after, checked);
	if (COST_FIELDS.some((field) => field in checked)) {
		assertWithinCostBound(asCard(before.kind, after), costFiguresOf(doc, id), readMeta(doc).horizonMonths, Object.keys(checked));
	}
	doc.transact(() => {
		for (const key of Object.keys(fieldsOf(before.kind))) {
			const value = after[key];
			if (value === undefined) {
				if (map.has(key)) map.delete(key);
			} else if (key === TITLE_KEY) {
				// the stored text, not the read (cut) one: written only when the patch names it
				if (key in checked && !titleEquals(map, value as string)) writeTitle(map, value as string);
			} else if (map.get(key) !== value) map.set(key, value);
		}
	}, origin);
	return true;
}

/**
 * Move card `id` so its top-left corner is at (x, y) canvas px (rounded to whole px). Returns
 * false when the card does not exist. Throws RangeError for non-finite or huge coordinates.
 */
export function moveCard(doc: Y.Doc, id: string, x: number, y: number, origin: WriteOrigin): boolean {
	const map = cardsMap(doc).get(id);
	if (!map) return false;
	const error = checkCoordinate(x) ?? checkCoordinate(y);
	if (error) throw new RangeError(`x/y: ${error}`);
	const rx = Math.round(x);
	const ry = Math.round(y);
	if (map.get('x') === rx && map.get('y') === ry) return true;
	doc.transact(() => {
		if (map.get('x') !== rx) map.set('x', rx);
		if (map.get('y') !== ry) map.set('y', ry);
	}, origin);
	return true;
}

/**
 * Delete card `id` (with its notes). Deleting a goal keeps its milestones as standalone steps:
 * their `goalId` is removed in the same transaction. Returns false when there was no such card.
 */
export function deleteCard(doc: Y.Doc, id: string, origin: WriteOrigin): boolean {
	const cards = cardsMap(doc);
	const map = cards.get(id);
	if (!map) return false;
	doc.transact(() => {
		if (map.get('kind') === 'goal') {
			for (const card of cards.values()) {
				if (card.get('kind') === 'milestone' && card.get('goalId') === id) card.delete('goalId');
			}
		}
		cards.delete(id);
	}, origin);
	return true;
}

/** Fields whose change can raise what a card costs. */
const COST_FIELDS = ['amount', 'monthlyCost', 'headcount', 'recurrence'];

/** The fields the cost bound reads of each costing kind (cost-bound.ts), through the kind's own rules. */
const COST_SCHEMAS = {
	role: v.pick(CARD_SCHEMAS.role, ['kind', 'headcount', 'monthlyCost']),
	spend: v.pick(CARD_SCHEMAS.spend, ['kind', 'amount', 'recurrence'])
};

/**
 * The cost figures of every role and spend card of a doc but `exceptId`, read as {@link costCardsOf}
 * reads them (a malformed field takes its default) but only the fields the cost bound needs: what
 * the writes check a new value against (a few µs per card less than reading whole cards, title
 * text and all, on every cost edit).
 */
export function costFiguresOf(doc: Y.Doc, exceptId?: string): CostFigures[] {
	const figures: CostFigures[] = [];
	for (const [id, map] of cardsMap(doc).entries()) {
		if (id === exceptId || !(map instanceof Y.Map)) continue;
		const kind = map.get('kind');
		if (kind !== 'role' && kind !== 'spend') continue;
		const schema = COST_SCHEMAS[kind];
		const raw: Record<string, unknown> = {};
		for (const field of Object.keys(schema.entries)) {
			const value = map.get(field);
			if (value !== undefined) raw[field] = value;
		}
		const read = readWithDefaults<CostFigures>(schema, raw, () => cardDefaults(doc, kind));
		if (read) figures.push(read);
	}
	return figures;
}

/** Every role and spend card of a doc (the cards that cost money), but `exceptId`. */
export function costCardsOf(doc: Y.Doc, exceptId?: string): Card[] {
	const cards: Card[] = [];
	for (const [id, map] of cardsMap(doc).entries()) {
		if (id === exceptId || !(map instanceof Y.Map)) continue;
		const kind = map.get('kind');
		if (kind !== 'role' && kind !== 'spend') continue;
		const card = readCardMap(doc, id, map);
		if (card) cards.push(card);
	}
	return cards;
}

/** Positions of every card of a doc that has both coordinates. */
function cardPositions(doc: Y.Doc): { x: number; y: number }[] {
	const out: { x: number; y: number }[] = [];
	for (const card of cardsMap(doc).values()) {
		const x = card.get('x');
		const y = card.get('y');
		if (typeof x === 'number' && typeof y === 'number') out.push({ x, y });
	}
	return out;
}
