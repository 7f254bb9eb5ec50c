/**
 * Restore: make the board's plan equal to an earlier plan (a checkpoint) as new changes, so
 * history is never rewritten and the restoring user's UndoManager can undo it in one step.
 */
import * as Y from 'yjs';
import { fragmentToMarkdown, markdownToFragment } from '../rich-text/convert.ts';
import { cardsMap, metaMap, NOTES_KEY } from './doc-keys.ts';
import { fieldsOf } from './fields.ts';
import { LayoutGrid } from './layout.ts';
import { writeMeta } from './meta.ts';
import { insertCardMap } from './plan-data.ts';
import type { WriteOrigin } from './origin.ts';
import { TITLE_KEY, titleEquals, writeTitle } from './title-text.ts';
import type { PlanData } from './types.ts';
import { validatePlan } from './validate.ts';

/** What {@link restorePlan} changed (card counts), e.g. for a "Restored: 2 added…" message. */
export interface RestoreResult {
	added: number;
	removed: number;
	changed: number;
	metaChanged: boolean;
}

/**
 * Make the doc's meta and cards equal to `plan` in ONE transaction with `origin`: changed fields
 * are updated, missing cards added, extra cards deleted, notes rewritten where their markdown
 * differs; only what differs is written, so collaborators' concurrent edits elsewhere survive.
 * A card whose kind differs is replaced. Cards of `plan` without both x and y keep their current
 * position (new ones get a free grid cell). Review items and checkpoint records are left alone
 * (a restore is itself part of the review history). Throws TypeError when `plan` is invalid
 * (nothing written).
 */
export function restorePlan(doc: Y.Doc, plan: PlanData, origin: WriteOrigin): RestoreResult {
	const result = validatePlan(plan);
	if (!result.ok) throw new TypeError(`invalid plan: ${result.errors.join('; ')}`);
	const { cards: target, reviews: _reviews, ...settings } = result.plan;
	const cards = cardsMap(doc);
	const out: RestoreResult = { added: 0, removed: 0, changed: 0, metaChanged: false };
	const wanted = new Map(target.map((c) => [c.id, c]));
	const positions: { x: number; y: number }[] = [];
	for (const card of target) if (card.x !== undefined && card.y !== undefined) positions.push({ x: card.x, y: card.y });
	for (const [id, map] of cards.entries()) {
		const x = map.get('x');
		const y = map.get('y');
		if (wanted.has(id) && typeof x === 'number' && typeof y === 'number') positions.push({ x, y });
	}
	const grid = new LayoutGrid(positions);

	doc.transact(() => {
		const before = JSON.stringify(Object.fromEntries(Object.keys(settings).map((k) => [k, metaMap(doc).get(k)])));
		writeMeta(doc, settings);
		out.metaChanged = before !== JSON.stringify(Object.fromEntries(Object.keys(settings).map((k) => [k, metaMap(doc).get(k)])));

		for (const id of [...cards.keys()]) {
			const card = wanted.get(id);
			if (!card || cards.get(id)?.get('kind') !== card.kind) {
				cards.delete(id);
				out.removed += card ? 0 : 1;
			}
		}
		for (const card of target) {
			const fields: Readonly<Record<string, unknown>> = card;
			const map = cards.get(card.id);
			const isNew = !(map instanceof Y.Map);
			if (!map || isNew) {
				insertCardMap(cards, card, grid);
				out.added++;
				continue;
			}
			let touched = false;
			for (const key of Object.keys(fieldsOf(card.kind))) {
				const value = fields[key];
				if ((key === 'x' || key === 'y') && (card.x === undefined || card.y === undefined)) continue;
				if (value === undefined) {
					if (map.has(key)) {
						map.delete(key);
						touched = true;
					}
				} else if (key === TITLE_KEY) {
					if (!titleEquals(map, value as string)) {
						writeTitle(map, value as string);
						touched = true;
					}
				} else if (map.get(key) !== value) {
					map.set(key, value);
					touched = true;
				}
			}
			const current = map.get(NOTES_KEY);
			const currentNotes = current instanceof Y.XmlFragment ? fragmentToMarkdown(current) : '';
			if (currentNotes !== (card.notes ?? '')) {
				let fragment = current;
				if (!(fragment instanceof Y.XmlFragment)) {
					fragment = new Y.XmlFragment();
					map.set(NOTES_KEY, fragment);
				}
				markdownToFragment(card.notes ?? '', fragment as Y.XmlFragment);
				touched = true;
			}
			if (touched) out.changed++;
		}
	}, origin);
	return out;
}
