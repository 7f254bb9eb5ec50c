/**
 * Readers for the single values found in plan tables (months, counts, scores, categories,
 * recurrences), tolerant of how people write them. Each returns the value or a reason sentence.
 */
import { isMonth } from '../model/month.ts';
import { ZH_CATEGORIES, ZH_RECURRENCE, ZH_VALUE_WORDS } from './vocabulary-zh.ts';
import { SPEND_CATEGORIES, type Month, type Score, type SpendCategory } from '../model/types.ts';

/** A parsed value, or the reason it could not be read. */
export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `2027-01` (also `2027-1`, `2027/01`, `Jan 2027`, `January 2027`) → `2027-01`. */
export function readMonth(text: string): ValueResult<Month> {
	const t = text.trim();
	let year: number | undefined;
	let month: number | undefined;
	const numeric = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/.exec(t);
	const named = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(t);
	if (numeric) {
		year = Number(numeric[1]);
		month = Number(numeric[2]);
	} else if (named) {
		const index = MONTH_NAMES.indexOf(named[1].slice(0, 3).toLowerCase());
		if (index >= 0) {
			year = Number(named[2]);
			month = index + 1;
		}
	}
	const value =
		year !== undefined && month !== undefined
			? `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
			: '';
	return isMonth(value)
		? { ok: true, value }
		: { ok: false, reason: `"${t}" is not a month (write YYYY-MM, e.g. 2027-01)` };
}

/** A whole number ≥ 0 (`12`, `1,200`, `1 200`). */
export function readCount(text: string, what: string): ValueResult<number> {
	const t = text.trim();
	if (!/^\d{1,3}(?:[, _]?\d{3})*$|^\d+$/.test(t)) {
		return { ok: false, reason: `${what} "${t}" is not a whole number` };
	}
	const value = Number(t.replace(/[, _]/g, ''));
	return Number.isSafeInteger(value)
		? { ok: true, value }
		: { ok: false, reason: `${what} "${t}" is too large` };
}

const SCORE_WORDS: Record<string, Score> = {
	'very low': 1,
	rare: 1,
	low: 2,
	unlikely: 2,
	medium: 3,
	moderate: 3,
	possible: 3,
	high: 4,
	likely: 4,
	'very high': 5,
	critical: 5,
	'almost certain': 5
};

/** A risk score 1..5: `3`, `3/5`, `3 of 5`, or a word (`low` = 2, `medium` = 3, `very high` = 5). */
export function readScore(text: string, what: string): ValueResult<Score> {
	const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
	const numeric = /^([1-5])(?:\s*(?:\/|of|out of)\s*5)?$/.exec(t);
	if (numeric) return { ok: true, value: Number(numeric[1]) as Score };
	const word = SCORE_WORDS[t];
	if (word !== undefined) return { ok: true, value: word };
	return { ok: false, reason: `${what} "${text.trim()}" must be 1 to 5 (or low / medium / high)` };
}

const CATEGORY_SYNONYMS: Record<string, SpendCategory> = {
	ops: 'operations',
	infra: 'infrastructure',
	it: 'infrastructure',
	tech: 'infrastructure',
	legal: 'legal',
	compliance: 'legal',
	misc: 'other',
	miscellaneous: 'other',
	ads: 'marketing',
	advertising: 'marketing',
	sales: 'marketing'
};

/** A spend category, case-insensitive, with a few common synonyms (`ops`, `infra`, `ads`). */
export function readCategory(text: string): ValueResult<SpendCategory> {
	const t = text.trim().toLowerCase();
	const found = (SPEND_CATEGORIES as readonly string[]).includes(t)
		? (t as SpendCategory)
		: (CATEGORY_SYNONYMS[t] ?? ZH_CATEGORIES[t]);
	return found
		? { ok: true, value: found }
		: {
				ok: false,
				reason: `category "${text.trim()}" is not one of ${SPEND_CATEGORIES.join(', ')}`
			};
}

/** `once` (one-off, one-time, single) or `monthly` (per month, recurring, every month). */
export function readRecurrence(text: string): ValueResult<'once' | 'monthly'> {
	const t = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
	if (['once', 'one off', 'one time', 'single', 'one shot', 'oneoff', ...ZH_RECURRENCE.once].includes(t)) {
		return { ok: true, value: 'once' };
	}
	if (['monthly', 'per month', 'recurring', 'every month', 'month', '/month', 'a month', ...ZH_RECURRENCE.monthly].includes(t)) {
		return { ok: true, value: 'monthly' };
	}
	return { ok: false, reason: `recurrence "${text.trim()}" must be "once" or "monthly"` };
}

const HORIZON = new RegExp(`^(\\d{1,4})\\s*(?:months?|mo\\.?|${ZH_VALUE_WORDS.months}|月)?(?:\\s*(?:\\(.*\\)|（.*）))?$`, 'i');

/** A horizon length: `24`, `24 months`, `24 months (2027-01 to 2028-12)`, `24 个月（2027-01 至 2028-12）`. */
export function readHorizon(text: string): ValueResult<number> {
	const match = HORIZON.exec(text.trim());
	return match
		? { ok: true, value: Number(match[1]) }
		: { ok: false, reason: `horizon "${text.trim()}" must be a number of months, e.g. 24 months` };
}
