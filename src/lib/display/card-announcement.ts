/** What a screen reader says for a card on the canvas: kind, title and its key figure. Pure. */
import type { Card, MilestoneCard } from '$lib/model/types.ts';
import { goalProgress, stepOf } from './card-facts.ts';
import { money } from './format.ts';
import { KIND_LABEL, STATUS_LABEL, riskSeverity } from './labels.ts';
import { m } from '$lib/paraglide/messages.js';

/**
 * The card's accessible name, e.g. "Role: 产品经理, 2 people at ¥30,000 a month each" or
 * "Goal: 覆盖十个城市, 1 of 3 steps done". Cards without a figure (opportunities) say kind and
 * title only. `steps` as for the card face; `locale` for money (default the browser's).
 */
export function cardAnnouncement(card: Card, currency: string, steps: readonly MilestoneCard[] | null = null, locale?: string): string {
	const head = m.announce_head({ kind: KIND_LABEL[card.kind], title: card.title || m.untitled() });
	const figure = keyFigure(card, currency, steps, locale);
	return figure ? m.announce_full({ head, figure }) : head;
}

function keyFigure(card: Card, currency: string, steps: readonly MilestoneCard[] | null, locale?: string): string | null {
	switch (card.kind) {
		case 'role': {
			const people = m.card_people({ count: card.headcount });
			const amount = money(card.monthlyCost, currency, false, locale);
			return card.headcount > 1 ? m.announce_role_each({ people, amount }) : m.announce_role({ people, amount });
		}
		case 'spend':
			return (card.recurrence === 'monthly' ? m.announce_spend_month : m.announce_spend_once)({ amount: money(card.amount, currency, false, locale) });
		case 'goal': {
			if (!steps || steps.length === 0) return m.announce_no_milestones();
			const p = goalProgress(steps);
			return m.card_steps_done({ done: p.done, total: p.total });
		}
		case 'milestone': {
			const step = steps ? stepOf(card, steps) : null;
			return step ? m.announce_step({ step: step.step, total: step.total, status: STATUS_LABEL[card.status] }) : STATUS_LABEL[card.status];
		}
		case 'risk': {
			const s = riskSeverity(card.likelihood, card.impact);
			return m.announce_severity({ score: s.score, band: (s.band === 'high' ? m.severity_high() : s.band === 'medium' ? m.severity_medium() : m.severity_low()).toLowerCase() });
		}
		default:
			return null;
	}
}
