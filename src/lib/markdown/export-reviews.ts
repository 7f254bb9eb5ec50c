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
import { formatReviewTag } from './review-tag.ts';
import { ACTION_COLUMNS, CHECKPOINT_FIGURE, DECISION_COLUMNS, REVIEW_WORDS, SECTION, type ColumnSpec } from './vocabulary.ts';

/** `2027-01-15T09:05:00.000Z` → `2027-01-15 09:05 UTC`. */
export function savedText(createdAt: string): string {
	return `${createdAt.slice(0, 10)} ${createdAt.slice(11, 16)} UTC`;
}

/** `Runs out in 2027-10`, or `Lasts the horizon` when the money did not run out. */
export function runwayText(runsOutIn: string | null): string {
	return runsOutIn === null ? 'Lasts the horizon' : `Runs out in ${runsOutIn}`;
}

function withTag(text: string, tag: string): string {
	return text === '' ? tag : `${text} ${tag}`;
}

function figuresTable(checkpoint: CheckpointRecord): string {
	const f = checkpoint.figures;
	const money = (minor: number) => formatMoneyText(minor, f.currency);
	const rows = [
		[CHECKPOINT_FIGURE.saved, savedText(checkpoint.createdAt)],
		[CHECKPOINT_FIGURE.budget, money(f.budget)],
		[CHECKPOINT_FIGURE.allocated, money(f.allocated)],
		[CHECKPOINT_FIGURE.remaining, money(f.remaining)],
		[CHECKPOINT_FIGURE.peakMonthlyBurn, money(f.peakMonthlyBurn)],
		[CHECKPOINT_FIGURE.runway, runwayText(f.runsOutIn)]
	];
	return table([{ header: 'Figure' }, { header: 'Value' }], rows);
}

function itemTag(item: ReviewItem): string {
	return formatReviewTag({ key: 'item', id: item.id, at: item.createdAt, slide: item.slide });
}

function itemsTable(columns: Record<'text' | 'owner' | 'dueMonth', ColumnSpec>, items: readonly ReviewItem[]): string {
	const rows = items.map((i) => [withTag(escapeInline(i.text), itemTag(i)), escapeInline(i.owner ?? ''), escapeInline(i.dueMonth ?? '')]);
	return table([columns.text, columns.owner, columns.dueMonth], rows);
}

function itemBlocks(items: readonly ReviewItem[]): string[] {
	const decisions = items.filter((i) => i.kind === 'decision');
	const actions = items.filter((i) => i.kind === 'action');
	if (decisions.length === 0 && actions.length === 0) return [REVIEW_WORDS.noItems];
	const out: string[] = [];
	if (decisions.length > 0) {
		out.push(`#### ${REVIEW_WORDS.decisions}`);
		// a plain list reads best; a decision with an owner or due month needs the table's columns
		if (decisions.some((d) => d.owner !== undefined || d.dueMonth !== undefined)) out.push(itemsTable(DECISION_COLUMNS, decisions));
		else out.push(decisions.map((d) => `- ${withTag(escapeInline(d.text), itemTag(d))}`).join('\n'));
	}
	if (actions.length > 0) out.push(`#### ${REVIEW_WORDS.actions}`, itemsTable(ACTION_COLUMNS, actions));
	return out;
}

/** The blocks of the Reviews section (joined by blank lines by the caller); none without reviews. */
export function reviewsSection(reviews: PlanReviews | undefined): string[] {
	const groups = reviewGroups(reviews);
	if (groups.length === 0) return [];
	const out = [`## ${SECTION.reviews}`];
	for (const { checkpoint, items } of groups) {
		if (checkpoint) {
			const tag = formatReviewTag({ key: 'checkpoint', id: checkpoint.id, at: checkpoint.createdAt });
			out.push(`### ${withTag(escapeInline(checkpoint.name), tag)}`, figuresTable(checkpoint));
		} else out.push(`### ${REVIEW_WORDS.current}`);
		out.push(...itemBlocks(items));
	}
	return out;
}
