/** What a screen reader says for a card on the canvas: kind, title and its key figure. Pure. */
import type { Card, MilestoneCard } from '$lib/model/types.ts';
import { goalProgress, stepOf } from './card-facts.ts';
import { money } from './format.ts';
import { KIND_LABEL, STATUS_LABEL, riskSeverity } from './labels.ts';

/**
 * The card's accessible name, e.g. "Role: 产品经理, 2 people at ¥30,000 a month each" or
 * "Goal: 覆盖十个城市, 1 of 3 steps done". Cards without a figure (opportunities) say kind and
 * title only. `steps` as for the card face; `locale` for money (default the browser's).
 */
export function cardAnnouncement(card: Card, currency: string, steps: readonly MilestoneCard[] | null = null, locale?: string): string {
	const head = `${KIND_LABEL[card.kind]}: ${card.title || 'Untitled'}`;
	const figure = keyFigure(card, currency, steps, locale);
	return figure ? `${head}, ${figure}` : head;
}

function keyFigure(card: Card, currency: string, steps: readonly MilestoneCard[] | null, locale?: string): string | null {
	switch (card.kind) {
		case 'role': {
			const people = `${card.headcount} ${card.headcount === 1 ? 'person' : 'people'}`;
			return `${people} at ${money(card.monthlyCost, currency, false, locale)} a month${card.headcount > 1 ? ' each' : ''}`;
		}
		case 'spend':
			return `${money(card.amount, currency, false, locale)} ${card.recurrence === 'monthly' ? 'a month' : 'once'}`;
		case 'goal': {
			if (!steps || steps.length === 0) return 'no milestones yet';
			const p = goalProgress(steps);
			return `${p.done} of ${p.total} steps done`;
		}
		case 'milestone': {
			const step = steps ? stepOf(card, steps) : null;
			return step ? `step ${step.step} of ${step.total}, ${STATUS_LABEL[card.status]}` : STATUS_LABEL[card.status];
		}
		case 'risk': {
			const s = riskSeverity(card.likelihood, card.impact);
			return `severity ${s.score} (${s.band})`;
		}
		default:
			return null;
	}
}
