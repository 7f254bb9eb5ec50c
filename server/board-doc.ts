/**
 * The light half of the server's contact with the plan model (boards.ts has the rest): bringing a
 * loaded document to the current schema, its title and its budget at a glance. It imports only the
 * model's core, not the notes' markdown conversion (Tiptap, marked: ~6 MiB of a process that only
 * relays boards), which boards.ts needs and the server loads with it on the first request that
 * reads or builds a whole plan.
 */
import type * as Y from 'yjs';
import { budgetGlance, summarizeBudget, type BudgetGlance } from '../src/lib/budget/index.ts';
import { migrateDoc, readCard, readCostCards, readMeta, type BoardMeta } from '../src/lib/model/core.ts';

/** Metadata a creator may set without a full plan. Money in minor units. */
export type NewBoardMeta = Partial<Pick<BoardMeta, 'title' | 'budget' | 'currency'>>;

/** Brings a freshly loaded document to the current schema (idempotent). */
export function prepareBoardDoc(doc: Y.Doc): void {
	migrateDoc(doc);
}

/** The board's title as stored in its document. */
export function boardTitle(doc: Y.Doc): string {
	return readMeta(doc).title;
}

/** The budget of a document at a glance (only its costing cards are read; no notes). */
export function boardBudgetGlance(doc: Y.Doc): BudgetGlance {
	const summary = summarizeBudget({ ...readMeta(doc), cards: readCostCards(doc) });
	return budgetGlance(summary, (id) => readCard(doc, id)?.title);
}
