/**
 * Words the board shows for kinds, zones, categories and statuses (one place, for consistency), in
 * the UI language. Each record reads its message when indexed (getters), so a record imported once
 * still answers in the language of the request or document that reads it.
 */
import type { CardKind, MilestoneStatus, SpendCategory, Zone } from '$lib/model/types.ts';
import type { BudgetCategory } from '$lib/budget';
import { m } from '$lib/paraglide/messages.js';

/** A record whose values are computed each time they are read. */
function localized<K extends string | number>(entries: Record<K, () => string>): Readonly<Record<K, string>> {
	const out = {} as Record<K, string>;
	for (const key of Object.keys(entries) as K[]) Object.defineProperty(out, key, { get: entries[key], enumerable: true });
	return out;
}

/** Badge text of each card kind. */
export const KIND_LABEL = localized<CardKind>({
	role: m.kind_role,
	goal: m.kind_goal,
	milestone: m.kind_milestone,
	risk: m.kind_risk,
	opportunity: m.kind_opportunity,
	spend: m.kind_spend
});

/** Accessible names of the add buttons (tests and users rely on these exact words). */
export const ADD_LABEL = localized<CardKind>({
	role: m.add_role,
	goal: m.add_goal,
	milestone: m.add_milestone,
	risk: m.add_risk,
	opportunity: m.add_opportunity,
	spend: m.add_spend
});

/** Kinds in toolbar order, grouped by zone. */
export const KINDS_BY_ZONE: Record<Zone, CardKind[]> = {
	team: ['role'],
	strategy: ['goal', 'milestone', 'risk', 'opportunity'],
	spending: ['spend']
};

/** One-line purpose of each zone, shown in its header. */
export const ZONE_BLURB = localized<Zone>({
	team: m.zone_team_blurb,
	strategy: m.zone_strategy_blurb,
	spending: m.zone_spending_blurb
});

/** Names of the zones. */
export const ZONE_LABEL = localized<Zone>({
	team: m.zone_team,
	strategy: m.zone_strategy,
	spending: m.zone_spending
});

/** Display names of budget categories. */
export const CATEGORY_LABEL = localized<BudgetCategory>({
	people: m.category_people,
	marketing: m.category_marketing,
	product: m.category_product,
	operations: m.category_operations,
	infrastructure: m.category_infrastructure,
	legal: m.category_legal,
	other: m.category_other
});

/** Display names of spend categories (same words as budget categories). */
export const SPEND_CATEGORY_LABEL: Readonly<Record<SpendCategory, string>> = CATEGORY_LABEL;

/** Display names of milestone statuses. */
export const STATUS_LABEL = localized<MilestoneStatus>({
	todo: m.status_todo,
	doing: m.status_doing,
	done: m.status_done
});

/** Words for a 1–5 score. */
export const SCORE_LABEL: Readonly<Record<number, string>> = localized<number>({
	1: m.score_1,
	2: m.score_2,
	3: m.score_3,
	4: m.score_4,
	5: m.score_5
});

/**
 * How a card kind is used, shown as a hint in the card panel (never stored on the card, so it
 * never lands in an export). Spend cards have one hint per recurrence.
 */
export function kindHint(card: { kind: CardKind; recurrence?: 'once' | 'monthly' }): string {
	switch (card.kind) {
		case 'role':
			return m.hint_role();
		case 'goal':
			return m.hint_goal();
		case 'milestone':
			return m.hint_milestone();
		case 'risk':
			return m.hint_risk();
		case 'opportunity':
			return m.hint_opportunity();
		case 'spend':
			return card.recurrence === 'once' ? m.hint_spend_once() : m.hint_spend_monthly();
	}
}

/** Severity band of a risk from likelihood × impact (1–25). */
export function riskSeverity(likelihood: number, impact: number): { score: number; band: 'low' | 'medium' | 'high' } {
	const score = likelihood * impact;
	return { score, band: score >= 15 ? 'high' : score >= 8 ? 'medium' : 'low' };
}
