/**
 * Find cards by what people remember of them: title, note text, a role's level, a risk's
 * mitigation, a spend's category, or an amount typed as money fields read it ("30000", "4.5万",
 * "¥1,200", "１２万", "2.5M", "5万/月") — a role's monthly cost per person or in all, a spend's
 * amount, or what the card costs over the plan (the total its face shows); and the decisions and
 * action items of reviews by their text or owner ("王芳"). Pure.
 */
import { parseTypedMoney } from '$lib/budget/typed-money.ts';
import type { Card, Money, ReviewItem } from '$lib/model/types.ts';
import { KIND_LABEL, SPEND_CATEGORY_LABEL } from './labels.ts';

/** One hit: the card, which field matched, and a short excerpt around the match. */
export interface FindResult {
	card: Card;
	field: 'title' | 'notes' | 'details' | 'amount';
	excerpt: string;
	/** For an amount hit: the card's amount that matched (minor units). */
	amount?: Money;
}

/** The money side of a search: the board's currency and what each card costs over the plan. */
export interface FindMoney {
	/** ISO 4217 code amounts are read in (default CNY). */
	currency?: string;
	/** What card `id` costs over the plan (minor units; 0 or absent when nothing). */
	costOf?: (id: string) => number;
}

/** Most results returned. */
export const MAX_FIND_RESULTS = 50;

/** "a month" after an amount ("5万/月", "30k/mo", "2万每月"): the amount is the same. */
const PER_MONTH = /\s*(?:\/\s*(?:月|个月|mo|month)|每月|一个月|per month|a month)\s*$/i;

/**
 * The amount a query names in minor units of `currency`, read as money fields read typed
 * amounts (parseTypedMoney), or null when it is not an amount.
 */
export function queryMinor(query: string, currency = 'CNY'): Money | null {
	const text = query.replace(PER_MONTH, '');
	if (!/\d/.test(text.normalize('NFKC'))) return null;
	const result = parseTypedMoney(text, currency, { allowNegative: false });
	return result.ok && result.value > 0 ? result.value : null;
}


/** The amounts a card shows: a role's monthly cost each and in all, a spend's amount, the cost over the plan. */
function moneyFields(card: Card, costOf: FindMoney['costOf']): number[] {
	const total = costOf?.(card.id) ?? 0;
	const totals = total > 0 ? [total] : [];
	if (card.kind === 'role') return [card.monthlyCost, card.monthlyCost * card.headcount, ...totals];
	if (card.kind === 'spend') return [card.amount, ...totals];
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
 * card's notes as plain text; `money` the board's currency and the cards' costs over the plan.
 */
export function findCards(
	cards: readonly Card[],
	query: string,
	notesOf: (id: string) => string,
	money: FindMoney = {}
): FindResult[] {
	const q = query.trim().toLowerCase();
	if (!q) return [];
	const words = q.split(/\s+/);
	const amount = queryMinor(query.trim(), money.currency ?? 'CNY');
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
		const amountHit = amount !== null && moneyFields(card, money.costOf).includes(amount);
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
			result = { card, field: 'amount', excerpt: card.title, amount: amount! };
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
