/**
 * The server's only contact with the plan model: building a new board's document and reading
 * title / plan out of a document. Yjs keys stay inside src/lib/model.
 */
import * as Y from 'yjs';
import { budgetGlance, summarizeBudget, type BudgetGlance, type BudgetSummary } from '../src/lib/budget/index.ts';
import {
	applyPlanData,
	createOrigin,
	initBoard,
	migrateDoc,
	readCard,
	readCostCards,
	readMeta,
	toPlanData,
	type BoardMeta,
	type PlanData
} from '../src/lib/model/index.ts';

/** Metadata a creator may set without a full plan. Money in minor units. */
export type NewBoardMeta = Partial<Pick<BoardMeta, 'title' | 'budget' | 'currency'>>;

/**
 * The initial document of a new board: schema version and defaults via `initBoard`, then the
 * plan's content via `applyPlanData` when one is given. The caller destroys it.
 */
export function newBoardDoc(meta: NewBoardMeta, plan?: PlanData): Y.Doc {
	const doc = new Y.Doc();
	try {
		initBoard(doc, meta, createOrigin('server', 'create board'));
		if (plan) applyPlanData(doc, plan, createOrigin('api', 'create board'));
		return doc;
	} catch (error) {
		doc.destroy();
		throw error;
	}
}

/** {@link newBoardDoc} encoded as one Yjs update (v1). */
export function initialBoardState(meta: NewBoardMeta, plan?: PlanData): Uint8Array {
	const doc = newBoardDoc(meta, plan);
	try {
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/** Brings a freshly loaded document to the current schema (idempotent). */
export function prepareBoardDoc(doc: Y.Doc): void {
	migrateDoc(doc);
}

/** The board's title as stored in its document. */
export function boardTitle(doc: Y.Doc): string {
	return readMeta(doc).title;
}

/** The whole plan of a document as plain data (notes as markdown). */
export function boardPlan(doc: Y.Doc): PlanData {
	return toPlanData(doc);
}

/** The plan API's answer: the plan as plain data and its budget summary (integers, minor units). */
export interface PlanWithBudget {
	readonly plan: PlanData;
	readonly budget: BudgetSummary;
}

/** Reads the whole plan out of a document and computes its budget. */
export function planWithBudget(doc: Y.Doc): PlanWithBudget {
	const plan = toPlanData(doc);
	return { plan, budget: summarizeBudget(plan) };
}

/** The budget of a document at a glance (only its costing cards are read; no notes). */
export function boardBudgetGlance(doc: Y.Doc): BudgetGlance {
	const summary = summarizeBudget({ ...readMeta(doc), cards: readCostCards(doc) });
	return budgetGlance(summary, (id) => readCard(doc, id)?.title);
}
