/**
 * The Headline figures of a document — the only ones read are budget, currency, start month and
 * horizon (every other figure is computed) — and the plan settings made of them, with a new
 * board's defaults (model/meta.ts) for what the document leaves out.
 */
import type { Token, Tokens } from 'marked';
import { currencyDigits, isCurrencyCode } from '../budget/index.ts';
import { defaultMeta } from '../model/meta.ts';
import { currentMonth } from '../model/month.ts';
import type { Month } from '../model/types.ts';
import { splitItem } from './import-blocks.ts';
import { FIGURE_NAMES, nameKey } from './import-names.ts';
import type { ImportReport } from './import-report.ts';
import { itemsOf } from './import-source.ts';
import type { InlineReader } from './import-tables.ts';
import { readHorizon, readMonth } from './import-values.ts';
import { parseMoneyText } from './money-text.ts';
import { FIGURE } from './vocabulary.ts';

/** Defaults for what a document leaves out: a new board's (the budget as a count of major units, in any currency). */
const NEW_BOARD = defaultMeta();
export const DEFAULT_TITLE = NEW_BOARD.title;
const DEFAULT_CURRENCY = NEW_BOARD.currency;
const DEFAULT_BUDGET_MAJOR = NEW_BOARD.budget / 10 ** currencyDigits(NEW_BOARD.currency);
const DEFAULT_HORIZON = NEW_BOARD.horizonMonths;

type Figure = keyof typeof FIGURE;

/** A currency figure written as the yuan's name rather than its code. */
const YUAN_WORD = /^(?:人民币|元|人民币元|CN¥|¥|￥)$/iu;
/** A budget whose own words say yuan. */
const YUAN_MARK = /[¥￥元]|人民币|\bRMB\b/iu;

/** The plan settings a document gives. */
export interface PlanSettings {
	currency: string;
	budget: number;
	horizonMonths: number;
	startMonth: Month;
}

/** Reads the Headline figures section, then the plan settings from what it found. */
export class FiguresReader {
	private readonly figures = new Map<Figure, { text: string; line: number }>();

	constructor(
		private readonly report: ImportReport,
		private readonly inline: InlineReader
	) {}

	/** Whether the document gave any figure read here. */
	get size(): number {
		return this.figures.size;
	}

	/** A block of the section: a two-column table, or a list of `Label: value` items. */
	block(token: Token, line: number): void {
		if (token.type === 'table') {
			const table = token as Tokens.Table;
			const rows: [string, string, number][] = table.rows.map((cells, r) => [
				this.inline(cells[0]?.text ?? '', line + 2 + r).text,
				this.inline(cells[1]?.text ?? '', line + 2 + r).text,
				line + 2 + r
			]);
			const header = table.header.map((c) => this.inline(c.text, line).text);
			// a two-column table may also be written with the first figure as its header
			if (header.length >= 2 && FIGURE_NAMES.has(nameKey(header[0]))) rows.unshift([header[0], header[1], line]);
			for (const [label, value, at] of rows) this.figure(label, value, at);
		} else if (token.type === 'list') {
			for (const { token: item, offset } of itemsOf(token as Tokens.List, line)) {
				const text = this.inline(splitItem(item as Tokens.ListItem).title, offset).text;
				const colon = text.search(/[:：]/);
				if (colon > 0) this.figure(text.slice(0, colon), text.slice(colon + 1), offset);
			}
		}
	}

	private figure(label: string, value: string, line: number): void {
		const field = FIGURE_NAMES.get(nameKey(label));
		if (!field) return; // computed figures (allocated, runway…) are recalculated
		if (this.figures.has(field)) {
			this.report.warn(line, `"${label}" is given twice; the first value is used`);
			return;
		}
		this.figures.set(field, { text: value.trim(), line });
	}

	/**
	 * The plan settings: figures given, else a new board's defaults (with a warning); the start
	 * month defaults to the earliest of `cardMonths`, else the current month.
	 */
	settings(cardMonths: () => string[]): PlanSettings {
		const currency = this.readCurrency();
		const budget = this.readBudget(currency);
		const horizon = this.figures.get('horizon');
		let horizonMonths = DEFAULT_HORIZON;
		if (horizon) horizonMonths = this.report.value(readHorizon(horizon.text), horizon.line) ?? DEFAULT_HORIZON;
		else this.report.warn(1, `no "${FIGURE.horizon}" figure; the plan covers ${DEFAULT_HORIZON} months`);
		const startMonth = this.readStartMonth(cardMonths);
		return { currency, budget, horizonMonths, startMonth };
	}

	private readCurrency(): string {
		const given = this.figures.get('currency');
		if (given) {
			const text = given.text.trim();
			const code = text.toUpperCase();
			if (code === 'RMB' || YUAN_WORD.test(text)) return 'CNY';
			if (isCurrencyCode(code)) return code;
			this.report.error(given.line, `currency "${given.text}" is not an ISO 4217 code such as CNY, USD or EUR`);
			return DEFAULT_CURRENCY;
		}
		const budget = this.figures.get('budget');
		const code = budget ? /\b([A-Z]{3})\b/.exec(budget.text)?.[1] : undefined;
		// RMB, 元, 人民币 and ¥ / ￥ all say yuan (a yen budget is written JPY or 円)
		if (code === 'RMB' || (!code && budget && YUAN_MARK.test(budget.text))) return 'CNY';
		if (code && isCurrencyCode(code)) return code;
		if (budget && code) {
			this.report.error(budget.line, `"${code}" is not an ISO 4217 currency code`);
		} else {
			this.report.warn(budget?.line ?? 1, `no currency given (write the budget as e.g. "10,000,000.00 CNY"); using ${DEFAULT_CURRENCY}`);
		}
		return DEFAULT_CURRENCY;
	}

	private readBudget(currency: string): number {
		const budget = this.figures.get('budget');
		const fallback = DEFAULT_BUDGET_MAJOR * 10 ** currencyDigits(currency);
		if (!budget) {
			this.report.warn(1, `no "${FIGURE.budget}" figure; the budget is ${DEFAULT_BUDGET_MAJOR.toLocaleString('en-US')} ${currency}`);
			return fallback;
		}
		return this.report.value(parseMoneyText(budget.text, currency), budget.line) ?? fallback;
	}

	private readStartMonth(cardMonths: () => string[]): Month {
		const start = this.figures.get('startMonth');
		if (start) return this.report.value(readMonth(start.text), start.line) ?? currentMonth();
		const month = cardMonths().sort()[0] ?? currentMonth();
		this.report.warn(1, `no "${FIGURE.startMonth}" figure; the plan starts in ${month}`);
		return month;
	}

	/** Source line of the figure behind a plan field a validation message names, if any. */
	lineOf(field: string | undefined): number | undefined {
		const figure =
			field === 'budget'
				? this.figures.get('budget')
				: field === 'currency'
					? (this.figures.get('currency') ?? this.figures.get('budget'))
					: field === 'startMonth'
						? this.figures.get('startMonth')
						: field === 'horizonMonths'
							? this.figures.get('horizon')
							: undefined;
		return figure?.line;
	}
}
