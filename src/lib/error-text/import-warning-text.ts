/**
 * Import warnings in the UI language. The importer (`$lib/markdown/import.ts`) words its warnings
 * in English (`line 4: heading "杂项" is not part of the plan format; …`) for API users; the app
 * reads each one back into a known kind and shows its own sentence, keeping the user's quoted text.
 * A warning of a kind not known here is shown as a plain "not understood" line, never in English.
 * In the English UI the importer's own sentence is shown as it is (it says more).
 * import-warning-text.spec.ts runs the real importer, so a reworded warning fails a test here.
 */
import { m } from '$lib/paraglide/messages.js';
import { money, monthLabel } from '$lib/display/format.ts';
import { uiLocale } from '$lib/i18n/locale.ts';

type Rule = [RegExp, (g: string[]) => string];

const RULES: Rule[] = [
	[/^heading "(.*)" is not part of the plan format/s, (g) => m.iw_heading_ignored({ text: g[1] })],
	[/^notes heading "(.*)" names no card/s, (g) => m.iw_notes_no_card({ text: g[1] })],
	[/^a second Team table/, () => m.iw_second_team()],
	[/^a second Spending table/, () => m.iw_second_spending()],
	[/^a second Risks table/, () => m.iw_second_risks()],
	[/^text before the first section/, () => m.iw_before_first_section()],
	[/ is not where the plan format expects it/, () => m.iw_misplaced()],
	[/ in the Reviews section is ignored$/, () => m.iw_in_reviews()],
	[/^"(.*)" is given twice/s, (g) => m.iw_given_twice({ label: g[1] })],
	[/^Team table has no ".*" column; each role counts 1/, () => m.iw_no_headcount()],
	[/^Team table has no ".*" column; roles cost nothing/, () => m.iw_no_cost()],
	[/^Team table has no ".*" column; roles start with the plan/, () => m.iw_no_start()],
	[/^risk "(.*)" has no \w+; it is set to 3/s, (g) => m.iw_risk_no_score({ title: g[1] })],
	[/^spending lines without a category/, () => m.iw_no_category()],
	[/^milestone "(.*)" says done but its box is not ticked/s, (g) => m.iw_done_not_ticked({ title: g[1] })],
	[/^no "# title" heading; the plan is called "(.*)"$/s, (g) => m.iw_no_title({ title: g[1] })],
	[/^no ".*" figure; the plan covers (\d+) months/, (g) => m.iw_no_horizon({ months: g[1] })],
	[/^no currency given .*; using ([A-Z]{3})$/s, (g) => m.iw_no_currency({ currency: g[1] })],
	[/^no ".*" figure; the budget is ([\d,]+) ([A-Z]{3})$/, (g) => m.iw_no_budget({ amount: budgetText(g[1], g[2]) })],
	[/^no ".*" figure; the plan starts in (\d{4}-\d{2})$/, (g) => m.iw_no_start_month({ month: monthLabel(g[1]) })],
	[/^the document has too much text/, () => m.iw_too_much_text()]
];

/** "10,000,000" major units of `currency` as the board shows money ('¥10,000,000'). */
function budgetText(major: string, currency: string): string {
	try {
		const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
		return money(Number(major.replace(/,/g, '')) * 10 ** digits, currency);
	} catch {
		return `${major} ${currency}`;
	}
}

/** One importer warning ("line N: …") as its line number (null when none) and a sentence in the UI language. */
export function importWarningText(warning: string): { line: number | null; text: string } {
	const split = /^line (\d+):\s*(.*)$/s.exec(warning);
	const body = split ? split[2] : warning;
	const line = split ? Number(split[1]) : null;
	if (uiLocale() === 'en') return { line, text: body };
	for (const [pattern, text] of RULES) {
		const match = pattern.exec(body);
		if (match) return { line, text: text([...match]) };
	}
	return { line, text: m.iw_other() };
}

const PROBLEM_RULES: Rule[] = [
	[/^nothing to import/, () => m.ip_nothing()],
	[/^too much text in titles and tables/, () => m.ip_too_much_text()],
	[/^currency "(.*)" is not an ISO 4217 code/s, (g) => m.ip_bad_currency({ text: g[1] })],
	[/^"(.*)" is not an ISO 4217 currency code/s, (g) => m.ip_bad_currency({ text: g[1] })],
	[/^"(.*)" is not a month/s, (g) => m.ip_not_month({ text: g[1] })],
	[/"(.*)" is not a whole number$/s, (g) => m.ip_not_whole({ text: g[1] })],
	[/"(.*)" is too large$/s, (g) => m.ip_too_large({ text: g[1] })],
	[/"(.*)" must be 1 to 5/s, (g) => m.ip_score({ text: g[1] })],
	[/^category "(.*)" is not one of/s, (g) => m.ip_category({ text: g[1] })],
	[/^recurrence "(.*)" must be/s, (g) => m.ip_recurrence({ text: g[1] })],
	[/^horizon "(.*)" must be a number of months/s, (g) => m.ip_horizon({ text: g[1] })],
	[/^no amount given/, () => m.ip_no_amount()]
];

/**
 * A problem that stopped an import (`{ line, message }` of the API's 400 answer) as a sentence in
 * the UI language; one of a kind not known here says the line could not be read. In the English UI
 * the importer's own sentence is shown as it is.
 */
export function importProblemText(message: string): string {
	if (uiLocale() === 'en') return message;
	for (const [pattern, text] of PROBLEM_RULES) {
		const match = pattern.exec(message);
		if (match) return text([...match]);
	}
	return m.ip_other();
}
