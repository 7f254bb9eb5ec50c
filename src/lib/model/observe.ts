/** Change notification for the plan, batched per Yjs transaction. */
import type * as Y from 'yjs';
import { cardsMap, metaMap } from './doc-keys.ts';

/** What one transaction changed: meta settings, and the ids of cards added, changed or removed. */
export interface PlanChange {
	meta: boolean;
	/** Card ids whose fields or notes changed, or that were added or removed. */
	cards: Set<string>;
}

/**
 * Call `cb` once after every transaction that touched the plan, with the changed card ids (edits
 * inside a card's notes count as a change of that card) and the transaction origin. Cost is
 * proportional to the changes, not to the board size. Returns an unsubscribe function.
 */
export function observePlan(
	doc: Y.Doc,
	cb: (change: PlanChange, origin: unknown) => void
): () => void {
	const cards = cardsMap(doc);
	const meta = metaMap(doc);
	let pending: PlanChange | null = null;
	const take = () => (pending ??= { meta: false, cards: new Set<string>() });

	const onCards = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
		const change = take();
		for (const event of events) {
			if (event.target === cards) {
				for (const key of (event as Y.YMapEvent<unknown>).keysChanged) change.cards.add(key);
			}
			else if (typeof event.path[0] === 'string') change.cards.add(event.path[0]);
		}
	};
	const onMeta = () => {
		take().meta = true;
	};
	const onAfter = (transaction: Y.Transaction) => {
		if (!pending) return;
		const change = pending;
		pending = null;
		cb(change, transaction.origin);
	};
	cards.observeDeep(onCards);
	meta.observeDeep(onMeta); // deep: typing in the title is an edit inside meta
	doc.on('afterTransaction', onAfter);
	return () => {
		cards.unobserveDeep(onCards);
		meta.unobserveDeep(onMeta);
		doc.off('afterTransaction', onAfter);
	};
}
