/**
 * The server's contact with the plan model: building a new board's document and reading title /
 * plan out of a document. Yjs keys stay inside src/lib/model. The light part (schema upgrade,
 * title, budget glance) is board-doc.ts, re-exported here; the server's own modules import that
 * one and load this module through lazy-plans.ts, as it brings the notes' markdown conversion.
 */
import * as Y from 'yjs';
import { summarizeBudget, type BudgetSummary } from '../src/lib/budget/index.ts';
import { applyPlanData, createOrigin, initBoard, toPlanData, type PlanData } from '../src/lib/model/index.ts';
import type { NewBoardMeta } from './board-doc.ts';

export { boardBudgetGlance, boardTitle, prepareBoardDoc, type NewBoardMeta } from './board-doc.ts';

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
