/**
 * Calendar-month arithmetic on `YYYY-MM` strings. Pure, integer-only, UTC; no Yjs or DOM.
 * A month maps to an integer index `year * 12 + (month - 1)` so ranges and differences are exact.
 */
import type { Month } from './types.ts';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `value` is a string of the form `YYYY-MM` with year 0001..9999 and month 01..12. */
export function isMonth(value: unknown): value is Month {
	if (typeof value !== 'string') return false;
	const match = MONTH_RE.exec(value);
	return match !== null && match[1] !== '0000';
}

/** Integer index of a month (`year * 12 + month - 1`); throws RangeError on a malformed month. */
export function monthIndex(month: Month): number {
	if (!isMonth(month)) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(month)}`);
	return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Inverse of {@link monthIndex}; throws RangeError when the year falls outside 0001..9999. */
export function monthFromIndex(index: number): Month {
	if (!Number.isInteger(index)) throw new RangeError(`month index must be an integer: ${index}`);
	const year = Math.floor(index / 12);
	const month = index - year * 12 + 1;
	if (year < 1 || year > 9999) throw new RangeError(`month out of range: year ${year}`);
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `count` months after `month` (negative `count` goes back). */
export function addMonths(month: Month, count: number): Month {
	return monthFromIndex(monthIndex(month) + count);
}

/** Number of months from `from` to `to` (`to − from`; negative when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): number {
	return monthIndex(to) - monthIndex(from);
}

/** Sort comparator: negative when `a` is earlier than `b`, 0 when equal, positive when later. */
export function compareMonths(a: Month, b: Month): number {
	return monthIndex(a) - monthIndex(b);
}

/** The current calendar month in UTC, or that of `now` when given. */
export function currentMonth(now: Date = new Date()): Month {
	return monthFromIndex(now.getUTCFullYear() * 12 + now.getUTCMonth());
}
