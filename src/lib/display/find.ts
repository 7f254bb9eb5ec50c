/**
 * Find cards by what people remember of them: title, note text, a role's level, a risk's
 * mitigation, a spend's category, or an amount ("30000", "3万", "¥1,200"); and the decisions and
 * action items of reviews by their text or owner ("王芳"). Pure.
 */
import type { Card, ReviewItem } from '$lib/model/types.ts';
import { KIND_LABEL, SPEND_CATEGORY_LABEL } from './labels.ts';

/** One hit: the card, which field matched, and a short excerpt around the match. */
export interface FindResult {
	card: Card;
	field: 'title' | 'notes' | 'details' | 'amount';
	excerpt: string;
}

/** Most results returned. */
export const MAX_FIND_RESULTS = 50;

/**
 * The amount a query names, in major units (e.g. yuan), or null when it is not a number:
 * separators and currency signs are ignored; 万 / w multiply by 10,000, k by 1,000.
 */
export function queryAmount(query: string): number | null {
	const m = /^[\s¥$€£]*([\d,，.]+)\s*(万|w|k)?\s*(元|块)?\s*$/i.exec(query);
	if (!m) return null;
	const value = Number(m[1].replace(/[,，]/g, ''));
	if (!Number.isFinite(value)) return null;
	const unit = m[2]?.toLowerCase();
	return unit === '万' || unit === 'w' ? value * 10_000 : unit === 'k' ? value * 1_000 : value;
}

function moneyFields(card: Card): number[] {
	if (card.kind === 'role') return [card.monthlyCost, card.monthlyCost * card.headcount];
	if (card.kind === 'spend') return [card.amount];
	return [];
}

function excerpt(text: string, at: number, length: number): string {
	const start = Math.max(0, at - 24);
	const end = Math.min(text.length, at + length + 40);
	return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}

/**
 * Cards matching `query` (case-insensitive, every word must match somewhere), best first: title
 * matches, then amounts, then other details, then notes; ties in `cards` order. `notesOf` gives a
 * card's notes as plain text; `minorPerMajor` is 100 for most currencies (1 for JPY…).
 */
export function findCards(
	cards: readonly Card[],
	query: string,
	notesOf: (id: string) => string,
	minorPerMajor = 100
): FindResult[] {
	const q = query.trim().toLowerCase();
	if (!q) return [];
	const words = q.split(/\s+/);
	const amount = queryAmount(q);
	const ranked: { result: FindResult; rank: number; index: number }[] = [];
	for (const [index, card] of cards.entries()) {
		const title = card.title.toLowerCase();
		const details = [
			KIND_LABEL[card.kind],
			card.kind === 'role' ? (card.level ?? '') : '',
			card.kind === 'risk' ? (card.mitigation ?? '') : '',
			card.kind === 'spend' ? SPEND_CATEGORY_LABEL[card.category] : ''
		]
			.join(' ')
			.toLowerCase();
		const amountHit = amount !== null && moneyFields(card).some((minor) => minor === Math.round(amount * minorPerMajor));
		let notes: string | null = null;
		const notesLower = () => (notes ??= notesOf(card.id)).toLowerCase();
		const everyWord = words.every((w) => title.includes(w) || details.includes(w) || notesLower().includes(w));
		if (!everyWord && !amountHit) continue;
		let result: FindResult;
		let rank: number;
		if (title.includes(q) || (everyWord && words.every((w) => title.includes(w)))) {
			result = { card, field: 'title', excerpt: card.title };
			rank = title.startsWith(q) ? 0 : 1;
		} else if (amountHit) {
			result = { card, field: 'amount', excerpt: card.title };
			rank = 2;
		} else if (words.every((w) => title.includes(w) || details.includes(w))) {
			result = { card, field: 'details', excerpt: card.title };
			rank = 3;
		} else {
			const text = notes ?? notesOf(card.id);
			const at = text.toLowerCase().indexOf(words.find((w) => !title.includes(w) && !details.includes(w)) ?? words[0]);
			result = { card, field: 'notes', excerpt: excerpt(text, Math.max(0, at), q.length) };
			rank = 4;
		}
		ranked.push({ result, rank, index });
	}
	return ranked
		.sort((a, b) => a.rank - b.rank || a.index - b.index)
		.slice(0, MAX_FIND_RESULTS)
		.map((r) => r.result);
}

/** One decision or action item found: which field matched (owner first). */
export interface ItemFindResult {
	item: ReviewItem;
	field: 'owner' | 'text';
}

/**
 * Decisions and action items matching `query` (case-insensitive, every word in the text or the
 * owner), best first: owner matches, then text; ties in `items` order; at most MAX_FIND_RESULTS.
 */
export function findReviewItems(items: readonly ReviewItem[], query: string): ItemFindResult[] {
	const q = query.trim().toLowerCase();
	if (!q) return [];
	const words = q.split(/\s+/);
	const owners: ItemFindResult[] = [];
	const texts: ItemFindResult[] = [];
	for (const item of items) {
		const owner = (item.owner ?? '').toLowerCase();
		const text = item.text.toLowerCase();
		if (!words.every((w) => owner.includes(w) || text.includes(w))) continue;
		if (owner && (owner.includes(q) || words.some((w) => owner.includes(w)))) owners.push({ item, field: 'owner' });
		else texts.push({ item, field: 'text' });
	}
	return [...owners, ...texts].slice(0, MAX_FIND_RESULTS);
}
