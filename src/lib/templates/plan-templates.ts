/**
 * Starting points offered on the home page. "Plan from zero" shows how every card kind is used:
 * first hires, a goal with three ordered milestones, a risk, an opportunity, launch marketing and
 * infrastructure, written in the board's language. Amounts scale with the chosen budget. How each
 * kind is used is not stored on the cards: the card panel shows it as a hint (KIND_HINT), so it
 * never lands in an export. Pure.
 */
import type { BoardLanguage } from '$lib/model/meta.ts';
import { addMonths, currentMonth } from '$lib/model/month.ts';
import type { Card, Month, Money, PlanData } from '$lib/model/types.ts';
import { m as messages } from '$lib/paraglide/messages.js';

/** Template choices. */
export type TemplateId = 'plan-from-zero' | 'blank';

/** What the creator chose up front. */
export interface NewBoardChoice {
	title: string;
	currency: string;
	/** Total budget, minor units. */
	budget: Money;
	startMonth?: Month;
	/** The board's language (starter cards are written in it); the board has none when absent. */
	language?: BoardLanguage;
}

/** The budget (major units) the template's amounts are written for. */
const REFERENCE_BUDGET_MAJOR = 10_000_000;

/** Round a positive integer to two significant digits (45,678 → 46,000); 0 stays 0. */
export function roundToTwoSignificant(value: number): number {
	if (value <= 0) return 0;
	const digits = Math.floor(Math.log10(value)) + 1;
	const step = 10 ** Math.max(0, digits - 2);
	return Math.round(value / step) * step;
}

/**
 * Minor units for an amount written as `major` units of a 10,000,000 budget, scaled to `budget`
 * (minor units). With the reference budget this is exactly `major × 10^digits`.
 */
export function scaledAmount(major: number, budget: Money): Money {
	return roundToTwoSignificant(Math.round((major * budget) / REFERENCE_BUDGET_MAJOR));
}

function cardId(): string {
	return crypto.randomUUID().replaceAll('-', '').slice(0, 16);
}

/**
 * Cards of the "Plan from zero" template for a plan starting `start` with `budget` minor units,
 * titled in `language`.
 */
export function planFromZeroCards(start: Month, budget: Money, language: BoardLanguage = 'en'): Card[] {
	const t = (message: (inputs: Record<string, never>, options: { locale: BoardLanguage }) => string) => message({}, { locale: language });
	const m = (n: number) => addMonths(start, n);
	const money = (major: number) => scaledAmount(major, budget);
	const goalId = cardId();
	return [
		{
			id: cardId(),
			kind: 'role',
			title: t(messages.tpl_role_lead),
			headcount: 1,
			monthlyCost: money(60_000),
			startMonth: m(0),
			level: t(messages.tpl_level_lead)
		},
		{
			id: cardId(),
			kind: 'role',
			title: t(messages.tpl_role_engineers),
			headcount: 3,
			monthlyCost: money(45_000),
			startMonth: m(1),
			level: t(messages.tpl_level_senior)
		},
		{
			id: cardId(),
			kind: 'role',
			title: t(messages.tpl_role_sales),
			headcount: 1,
			monthlyCost: money(40_000),
			startMonth: m(5)
		},
		{
			id: goalId,
			kind: 'goal',
			title: t(messages.tpl_goal)
		},
		{
			id: cardId(),
			kind: 'milestone',
			title: t(messages.tpl_milestone_mvp),
			goalId,
			order: 1,
			dueMonth: m(3),
			status: 'doing'
		},
		{
			id: cardId(),
			kind: 'milestone',
			title: t(messages.tpl_milestone_launch),
			goalId,
			order: 2,
			dueMonth: m(6),
			status: 'todo'
		},
		{
			id: cardId(),
			kind: 'milestone',
			title: t(messages.tpl_milestone_customers),
			goalId,
			order: 3,
			dueMonth: m(11),
			status: 'todo'
		},
		{
			id: cardId(),
			kind: 'risk',
			title: t(messages.tpl_risk),
			likelihood: 3,
			impact: 4,
			mitigation: t(messages.tpl_risk_mitigation)
		},
		{
			id: cardId(),
			kind: 'opportunity',
			title: t(messages.tpl_opportunity)
		},
		{
			id: cardId(),
			kind: 'spend',
			title: t(messages.tpl_spend_marketing),
			category: 'marketing',
			amount: money(50_000),
			recurrence: 'monthly',
			startMonth: m(6),
			endMonth: m(11)
		},
		{
			id: cardId(),
			kind: 'spend',
			title: t(messages.tpl_spend_cloud),
			category: 'infrastructure',
			amount: money(15_000),
			recurrence: 'monthly',
			startMonth: m(0)
		},
		{
			id: cardId(),
			kind: 'spend',
			title: t(messages.tpl_spend_legal),
			category: 'legal',
			amount: money(120_000),
			recurrence: 'once',
			startMonth: m(0)
		}
	];
}

/** The full PlanData for a new board from a template and the creator's choices. */
export function planFromTemplate(template: TemplateId, choice: NewBoardChoice): PlanData {
	const startMonth = choice.startMonth ?? currentMonth();
	return {
		title: choice.title,
		currency: choice.currency,
		budget: choice.budget,
		startMonth,
		horizonMonths: 24,
		...(choice.language ? { language: choice.language } : {}),
		cards: template === 'plan-from-zero' ? planFromZeroCards(startMonth, choice.budget, choice.language) : []
	};
}
