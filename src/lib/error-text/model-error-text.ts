/**
 * A value the model refused, in the UI language. The model (`$lib/model`) throws English
 * `field: problem` messages (`endMonth: must not be before startMonth`) that the API and scripts
 * read; the app reads them back into the field's label and a sentence of its own. A message of an
 * unknown shape becomes "this value cannot be saved", never English.
 */
import { m } from '$lib/paraglide/messages.js';
import { money } from '$lib/display/format.ts';

/** The UI label of each model field that a person can edit. */
const FIELD: Record<string, () => string> = {
	title: m.me_field_title,
	notes: m.me_field_notes,
	headcount: m.field_headcount,
	monthlyCost: m.field_monthly_cost,
	startMonth: m.field_start_month,
	endMonth: m.field_end_month,
	level: m.field_level,
	goalId: m.field_goal,
	order: m.field_step_order,
	dueMonth: m.field_due_month,
	status: m.field_status,
	likelihood: m.field_likelihood,
	impact: m.field_impact,
	mitigation: m.field_mitigation,
	category: m.field_category,
	amount: m.field_amount,
	recurrence: m.field_recurrence,
	budget: m.me_field_budget,
	currency: m.me_field_currency,
	horizonMonths: m.me_field_horizon,
	text: m.me_field_text,
	owner: m.me_field_owner
};

const MONEY_FIELDS = new Set(['monthlyCost', 'amount', 'budget']);

/**
 * `message` (the model's `field: problem`) as a sentence in the UI language. `currency` formats
 * money limits the board's way ('¥45,000'); without it they are plain numbers.
 */
export function modelErrorText(message: string, currency?: string): string {
	if (/^invalid plan\b/.test(message)) return m.me_invalid_plan();
	const split = /^([A-Za-z]+): (.*)$/s.exec(message);
	if (!split || !(split[1] in FIELD)) return m.me_other();
	const key = split[1];
	const problem = split[2];
	const field = FIELD[key]();
	const amount = (raw: string) => (currency && MONEY_FIELDS.has(key) ? money(Number(raw), currency) : Number(raw).toLocaleString());
	let match: RegExpExecArray | null;
	if ((match = /^must be at most (\d+) characters/.exec(problem))) return m.me_too_long({ field, max: match[1] });
	if ((match = /^must be at most (\d+) here\b/.exec(problem))) {
		return key === 'horizonMonths' ? m.me_horizon_bound({ max: Number(match[1]) }) : m.me_cost_bound({ field, max: amount(match[1]) });
	}
	if ((match = /^must be at most (\d+)$/.exec(problem))) return m.me_too_big({ field, max: amount(match[1]) });
	if (/^must not be before startMonth/.test(problem)) return m.me_end_before_start();
	if (/^must not be empty/.test(problem)) return m.me_empty({ field });
	if (/month YYYY-MM/.test(problem)) return m.me_month({ field });
	if (/ISO 4217/.test(problem)) return m.me_currency();
	if (/integer/.test(problem)) return m.me_number({ field });
	return m.me_invalid({ field });
}

/** What a refused write threw, as {@link modelErrorText} says it. */
export function modelFailureText(error: unknown, currency?: string): string {
	return modelErrorText(error instanceof Error ? error.message : String(error), currency);
}
