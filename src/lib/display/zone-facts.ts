import { m } from '$lib/paraglide/messages.js';
/** Facts shown in the zone columns' headers, shared by the live board and its first screen. Pure. */
import type { BudgetGlance } from '$lib/budget/glance.ts';
import type { CardKind, Zone } from '$lib/model/types.ts';
import { money } from './format.ts';
import type { Rect } from '../canvas/geometry.ts';
import { KINDS_BY_ZONE } from './labels.ts';

/** Shortest zone column (world px), so an empty board still shows its zones. */
export const MIN_ZONE_HEIGHT = 1100;

/** Height of the zone columns: the content plus room to add more below it (world px). */
export function zoneHeight(bounds: Rect | null): number {
	return Math.max(MIN_ZONE_HEIGHT, bounds ? bounds.y + bounds.height + 320 : 0);
}

/** Cards per zone from cards per kind. */
export function zoneCounts(kinds: Readonly<Record<CardKind, number>>): Record<Zone, number> {
	const sum = (zone: Zone) => KINDS_BY_ZONE[zone].reduce((total, kind) => total + kinds[kind], 0);
	return { team: sum('team'), strategy: sum('strategy'), spending: sum('spending') };
}

/** The Strategy header's line, e.g. "2 goals · 5 milestones · 1 risk"; "Nothing yet" when empty. */
export function strategyStat(kinds: Readonly<Record<CardKind, number>>): string {
	const parts = [
		[kinds.goal, m.zone_count_goal],
		[kinds.milestone, m.zone_count_milestone],
		[kinds.risk, m.zone_count_risk],
		[kinds.opportunity, m.zone_count_opportunity]
	] as const;
	const text = parts.filter(([n]) => n > 0).map(([count, words]) => words({ count }));
	return text.join(' · ') || m.zone_nothing_yet();
}

/** The three zone headers' summary lines, from the board's kinds and its budget. */
export function zoneStats(kinds: Readonly<Record<CardKind, number>>, budget: BudgetGlance, currency: string, locale?: string): Record<Zone, string> {
	const people = budget.peakHeadcount;
	return {
		team: m.zone_people_at_peak({ count: people, amount: money(budget.people, currency, true, locale) }),
		strategy: strategyStat(kinds),
		spending: m.zone_spend_lines({ count: kinds.spend, amount: money(budget.allocated - budget.people, currency, true, locale) })
	};
}
