/** Words the board shows for kinds, zones, categories and statuses (one place, for consistency). */
import type { CardKind, MilestoneStatus, SpendCategory, Zone } from '$lib/model/types.ts';
import { BUDGET_CATEGORY_LABEL, type BudgetCategory } from '$lib/budget';

/** Badge text of each card kind. */
export const KIND_LABEL: Record<CardKind, string> = {
	role: 'Role',
	goal: 'Goal',
	milestone: 'Milestone',
	risk: 'Risk',
	opportunity: 'Opportunity',
	spend: 'Spend'
};

/** Accessible names of the add buttons (tests and users rely on these exact words). */
export const ADD_LABEL: Record<CardKind, string> = {
	role: 'Add role',
	goal: 'Add goal',
	milestone: 'Add milestone',
	risk: 'Add risk',
	opportunity: 'Add opportunity',
	spend: 'Add spend'
};

/** Kinds in toolbar order, grouped by zone. */
export const KINDS_BY_ZONE: Record<Zone, CardKind[]> = {
	team: ['role'],
	strategy: ['goal', 'milestone', 'risk', 'opportunity'],
	spending: ['spend']
};

/** One-line purpose of each zone, shown in its header. */
export const ZONE_BLURB: Record<Zone, string> = {
	team: 'The people you will hire',
	strategy: 'Goals, milestones, risks and opportunities',
	spending: 'Where the rest of the money goes'
};

/** Display names of budget categories (owned by the budget module). */
export const CATEGORY_LABEL: Readonly<Record<BudgetCategory, string>> = BUDGET_CATEGORY_LABEL;

/** Display names of spend categories (same words as budget categories). */
export const SPEND_CATEGORY_LABEL: Readonly<Record<SpendCategory, string>> = CATEGORY_LABEL;

/** Display names of milestone statuses. */
export const STATUS_LABEL: Record<MilestoneStatus, string> = {
	todo: 'To do',
	doing: 'In progress',
	done: 'Done'
};

/** Words for a 1–5 score. */
export const SCORE_LABEL: Record<number, string> = {
	1: 'Very low',
	2: 'Low',
	3: 'Medium',
	4: 'High',
	5: 'Very high'
};

/** Severity band of a risk from likelihood × impact (1–25). */
export function riskSeverity(likelihood: number, impact: number): { score: number; band: 'low' | 'medium' | 'high' } {
	const score = likelihood * impact;
	return { score, band: score >= 15 ? 'high' : score >= 8 ? 'medium' : 'low' };
}
