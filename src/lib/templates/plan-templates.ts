/**
 * Starting points offered on the home page. "Plan from zero" shows how every card kind is used:
 * first hires, a goal with three ordered milestones, a risk, an opportunity, launch marketing and
 * infrastructure, each with a short note. Amounts scale with the chosen budget. Pure.
 */
import { addMonths, currentMonth } from '$lib/model/month.ts';
import type { Card, Month, Money, PlanData } from '$lib/model/types.ts';

/** Template choices. */
export type TemplateId = 'plan-from-zero' | 'blank';

/** What the creator chose up front. */
export interface NewBoardChoice {
	title: string;
	currency: string;
	/** Total budget, minor units. */
	budget: Money;
	startMonth?: Month;
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

/** Cards of the "Plan from zero" template for a plan starting `start` with `budget` minor units. */
export function planFromZeroCards(start: Month, budget: Money): Card[] {
	const m = (n: number) => addMonths(start, n);
	const money = (major: number) => scaledAmount(major, budget);
	const goalId = cardId();
	return [
		{
			id: cardId(),
			kind: 'role',
			title: 'Founding product lead',
			headcount: 1,
			monthlyCost: money(60_000),
			startMonth: m(0),
			level: 'Lead',
			notes:
				'Monthly cost is **fully loaded**: salary, taxes, benefits and equipment. A role costs headcount × monthly cost in every month from its start month (to its end month, if it has one).'
		},
		{
			id: cardId(),
			kind: 'role',
			title: 'Engineers',
			headcount: 3,
			monthlyCost: money(45_000),
			startMonth: m(1),
			level: 'Senior',
			notes: 'Several identical hires can share one card: raise the headcount. Give contractors an end month.'
		},
		{
			id: cardId(),
			kind: 'role',
			title: 'Sales lead',
			headcount: 1,
			monthlyCost: money(40_000),
			startMonth: m(5),
			notes: 'Hire before the public launch so the pipeline is warm on day one.'
		},
		{
			id: goalId,
			kind: 'goal',
			title: 'Win 100 paying customers in year one',
			notes: 'A goal is reached in ordered steps. Link milestones to it and update their status: the goal shows the progress.'
		},
		{
			id: cardId(),
			kind: 'milestone',
			title: 'Ship the MVP to 5 design partners',
			goalId,
			order: 1,
			dueMonth: m(3),
			status: 'doing'
		},
		{
			id: cardId(),
			kind: 'milestone',
			title: 'Public launch',
			goalId,
			order: 2,
			dueMonth: m(6),
			status: 'todo',
			notes: 'Launch marketing starts the same month (see Spending).'
		},
		{
			id: cardId(),
			kind: 'milestone',
			title: '100 paying customers',
			goalId,
			order: 3,
			dueMonth: m(11),
			status: 'todo'
		},
		{
			id: cardId(),
			kind: 'risk',
			title: 'Key hires take longer than planned',
			likelihood: 3,
			impact: 4,
			mitigation: 'Start recruiting in month one; keep a contractor as a bridge.',
			notes: 'Score likelihood and impact from 1 to 5 and work on the highest scores first.'
		},
		{
			id: cardId(),
			kind: 'opportunity',
			title: 'The incumbent is dropping its small-business plan',
			notes: 'Track openings in the competitive environment. Their customers will look for an alternative next quarter: prepare a migration offer.'
		},
		{
			id: cardId(),
			kind: 'spend',
			title: 'Launch marketing campaign',
			category: 'marketing',
			amount: money(50_000),
			recurrence: 'monthly',
			startMonth: m(6),
			endMonth: m(11),
			notes: 'Monthly spend runs from its start month to its end month (or to the end of the plan).'
		},
		{
			id: cardId(),
			kind: 'spend',
			title: 'Cloud infrastructure',
			category: 'infrastructure',
			amount: money(15_000),
			recurrence: 'monthly',
			startMonth: m(0),
			notes: 'Hosting, tooling and monitoring. Grows with customers: revisit after launch.'
		},
		{
			id: cardId(),
			kind: 'spend',
			title: 'Company setup and legal',
			category: 'legal',
			amount: money(120_000),
			recurrence: 'once',
			startMonth: m(0),
			notes: 'A one-off spend lands in its start month.'
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
		cards: template === 'plan-from-zero' ? planFromZeroCards(startMonth, choice.budget) : []
	};
}
