/** Display helpers shared by components: money, months, relative times. */
import { currencyDigits, formatMoney, minorToDecimal, parseTypedMoney, type TypedMoneyResult } from '$lib/budget';
import { isMonth } from '$lib/model/month.ts';
import type { Month, Money } from '$lib/model/types.ts';

/**
 * The first language of an Accept-Language header as a canonical locale ('zh-CN', 'en-US'), or
 * undefined when absent or unusable. The server renders with it what the browser will show.
 */
export function acceptedLocale(header: string | null | undefined): string | undefined {
	const tag = header?.split(',')[0]?.split(';')[0]?.trim();
	if (!tag || tag === '*') return undefined;
	try {
		return Intl.getCanonicalLocales(tag)[0];
	} catch {
		return undefined;
	}
}

/** The display locale: the browser's language, or en-US on the server. */
export function displayLocale(): string {
	return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-US';
}

/** Money with currency symbol; `compact` gives '¥1.2M'-style for tight places. `locale` defaults to the display locale. */
export function money(minor: Money, currency: string, compact = false, locale: string = displayLocale()): string {
	try {
		return formatMoney(minor, currency, locale, compact ? { notation: 'compact' } : { fraction: minor % 10 ** currencyDigits(currency) !== 0 });
	} catch {
		return String(minor);
	}
}

/** A plain number for a money input: grouping, fraction only when non-zero ('10,000,000', '12.50'). */
export function moneyInputText(minor: Money, currency: string): string {
	try {
		const digits = currencyDigits(currency);
		const hasFraction = minor % 10 ** digits !== 0;
		return new Intl.NumberFormat(displayLocale(), {
			minimumFractionDigits: hasFraction ? digits : 0,
			maximumFractionDigits: digits
		}).format(minorToDecimal(minor, currency) as unknown as number);
	} catch {
		return String(minor);
	}
}

/**
 * Read what the user typed in a money input (`4.5万`, `30k`, `￥8,000`, in the display locale's
 * separators) into exact minor units, or a sentence saying why it cannot be read.
 */
export function readMoneyInput(text: string, currency: string, allowNegative = false): TypedMoneyResult {
	try {
		return parseTypedMoney(text, currency, { locale: displayLocale(), allowNegative });
	} catch {
		return { ok: false, reason: `Unknown currency ${currency}` };
	}
}

/** The currency's symbol alone ('¥', '$', '€'), or its code. */
export function currencySymbol(currency: string): string {
	try {
		const parts = new Intl.NumberFormat(displayLocale(), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
		return parts.find((p) => p.type === 'currency')?.value ?? currency;
	} catch {
		return currency;
	}
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM' → 'Mar 2027' (short = 'Mar 27'). Returns the input when malformed. */
export function monthLabel(month: Month | undefined, short = false): string {
	if (!isMonth(month)) return month ?? '';
	const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1];
	return short ? `${name} ’${month.slice(2, 4)}` : `${name} ${month.slice(0, 4)}`;
}

/** 'just now', '5 min ago', '3 h ago', '2 days ago', or a date for older times. */
export function relativeTime(epochMs: number, now = Date.now()): string {
	const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
	if (seconds < 45) return 'just now';
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.round(minutes / 60);
	if (hours < 24) return `${hours} h ago`;
	const days = Math.round(hours / 24);
	if (days < 14) return `${days} day${days === 1 ? '' : 's'} ago`;
	return new Date(epochMs).toLocaleDateString(displayLocale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Common currencies offered in pickers (any ISO 4217 code can still be typed where allowed). */
export const COMMON_CURRENCIES: readonly string[] = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD', 'INR', 'KRW', 'AUD', 'CAD', 'CHF', 'SEK', 'BRL'];
