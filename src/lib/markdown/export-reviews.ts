/**
 * The `## Reviews` section of the markdown export: each checkpoint (oldest first) with the date it
 * was saved, the budget figures then, and the decisions and action items recorded in that review;
 * then the current review (items recorded without a checkpoint) when it has any. Written only when
 * the plan has checkpoints or items. Read back by import-reviews.ts, byte for byte.
 *
 * ```markdown
 * ## Reviews
 *
 * ### Review 2027-01-15 <!-- checkpoint=Qa… at=2027-01-15T09:00:00.000Z -->
 *
 * | Figure | Value |
 * | --- | --- |
 * | Saved | 2027-01-15 09:00 UTC |
 * | Budget | 10,000,000.00 CNY |
 * …
 *
 * #### Decisions          (a table like the one below when a decision has an owner or due month)
 *
 * - 先开人民广场店 <!-- item=Xk… at=2027-01-15T09:10:00.000Z slide=7 -->
 *
 * #### Action items
 *
 * | Action | Owner | Due |
 * | --- | --- | --- |
 * | 谈下租约 <!-- item=… at=… --> | 王芳 | 2027-02 |
 * ```
 */
import type { CheckpointRecord, PlanReviews, ReviewItem } from '../model/types.ts';
import { reviewGroups } from '../review/groups.ts';
import { escapeInline } from './inline-text.ts';
import { table } from './markdown-table.ts';
import { formatMoneyText } from './money-text.ts';
import { exportWords, type ExportWords } from './export-words.ts';
import { formatReviewTag } from './review-tag.ts';
import type { ColumnSpec } from './vocabulary.ts';

/** `2027-01-15T09:05:00.000Z` → `2027-01-15 09:05 UTC`. */
export function savedText(createdAt: string): string {
	return `${createdAt.slice(0, 10)} ${createdAt.slice(11, 16)} UTC`;
}


function withTag(text: string, tag: string): string {
	return text === '' ? tag : `${text} ${tag}`;
}

function figuresTable(checkpoint: CheckpointRecord, words: ExportWords): string {
	const f = checkpoint.figures;
	const w = words.checkpoint;
	const money = (minor: number) => formatMoneyText(minor, f.currency);
	const rows = [
		[w.saved, savedText(checkpoint.createdAt)],
		[w.budget, money(f.budget)],
		[w.allocated, money(f.allocated)],
		[w.remaining, money(f.remaining)],
		[w.peakMonthlyBurn, money(f.peakMonthlyBurn)],
		// `Runs out in 2027-10`, or `Lasts the horizon` when the money did not run out
		[w.runway, words.runway(f.runsOutIn)]
	];
	return table([{ header: words.headers.figure }, { header: words.headers.value }], rows);
}

function itemTag(item: ReviewItem): string {
	return formatReviewTag({ key: 'item', id: item.id, at: item.createdAt, slide: item.slide });
}

function itemsTable(columns: Record<'text' | 'owner' | 'dueMonth', ColumnSpec>, items: readonly ReviewItem[]): string {
	const rows = items.map((i) => [withTag(escapeInline(i.text), itemTag(i)), escapeInline(i.owner ?? ''), escapeInline(i.dueMonth ?? '')]);
	return table([columns.text, columns.owner, columns.dueMonth], rows);
}

function itemBlocks(items: readonly ReviewItem[], words: ExportWords): string[] {
	const decisions = items.filter((i) => i.kind === 'decision');
	const actions = items.filter((i) => i.kind === 'action');
	if (decisions.length === 0 && actions.length === 0) return [words.review.noItems];
	const out: string[] = [];
	if (decisions.length > 0) {
		out.push(`#### ${words.review.decisions}`);
		// a plain list reads best; a decision with an owner or due month needs the table's columns
		if (decisions.some((d) => d.owner !== undefined || d.dueMonth !== undefined)) out.push(itemsTable(words.decision, decisions));
		else out.push(decisions.map((d) => `- ${withTag(escapeInline(d.text), itemTag(d))}`).join('\n'));
	}
	if (actions.length > 0) out.push(`#### ${words.review.actions}`, itemsTable(words.action, actions));
	return out;
}

/**
 * The blocks of the Reviews section (joined by blank lines by the caller) in the words of the
 * board's language (English by default); none without reviews.
 */
export function reviewsSection(reviews: PlanReviews | undefined, words: ExportWords = exportWords('en')): string[] {
	const groups = reviewGroups(reviews);
	if (groups.length === 0) return [];
	const out = [`## ${words.section.reviews}`];
	for (const { checkpoint, items } of groups) {
		if (checkpoint) {
			const tag = formatReviewTag({ key: 'checkpoint', id: checkpoint.id, at: checkpoint.createdAt });
			out.push(`### ${withTag(escapeInline(checkpoint.name), tag)}`, figuresTable(checkpoint, words));
		} else out.push(`### ${words.review.current}`);
		out.push(...itemBlocks(items, words));
	}
	return out;
}
