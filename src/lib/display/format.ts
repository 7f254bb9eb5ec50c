/** Display helpers shared by components: money, months, relative times. */
import { currencyDigits, formatMoney, minorToDecimal, parseMoney, parseTypedMoney, type TypedMoneyResult } from '$lib/budget';
import type { TypedMoneyRefusal } from '$lib/budget/typed-money.ts';
import { isMonth } from '$lib/model/month.ts';
import type { Month, Money } from '$lib/model/types.ts';
import { intlLocale } from '$lib/i18n/locale.ts';
import { m } from '$lib/paraglide/messages.js';

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

/**
 * The display locale: the UI language as Intl reads it ('en-US', 'zh-CN'), the same on the server
 * (per request) and in the browser, so server-rendered amounts and months match the app's.
 */
export function displayLocale(): string {
	return intlLocale();
}

/**
 * Money as the board shows it everywhere: the currency's narrow symbol ('¥', '$') in the display
 * locale — '¥10,000,000', and '¥30.5万' / '¥305K' with `compact` for tight places.
 */
export function money(minor: Money, currency: string, compact = false, locale: string = displayLocale()): string {
	try {
		return formatMoney(
			minor,
			currency,
			locale,
			compact ? { notation: 'compact', currencyDisplay: 'narrowSymbol' } : { fraction: minor % 10 ** currencyDigits(currency) !== 0, currencyDisplay: 'narrowSymbol' }
		);
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
		const read = parseTypedMoney(text, currency, { locale: displayLocale(), allowNegative });
		return read.ok ? read : { ...read, reason: refusalText(read.why) };
	} catch {
		return { ok: false, reason: m.money_unknown_currency({ currency }), why: { code: 'not-an-amount', shown: text.trim() } };
	}
}

/** Why typed money was refused, in the UI language. */
export function refusalText(why: TypedMoneyRefusal): string {
	switch (why.code) {
		case 'empty':
			return m.money_empty();
		case 'other-currency':
			return m.money_other_currency(why);
		case 'foreign-sign':
			return m.money_foreign_sign(why);
		case 'chinese-numerals':
			return m.money_chinese_numerals();
		case 'not-an-amount':
			return m.money_not_an_amount(why);
		case 'too-precise':
			return why.digits === 0 ? m.money_no_decimals(why) : m.money_decimals(why);
		case 'too-large':
			return m.money_too_large();
		case 'negative':
			return m.money_negative();
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

/** Month formatters by locale and length (building one costs far more than using it). */
const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * 'YYYY-MM' → the month in the display locale: 'Mar 2027' / '2027年3月' (short: 'Mar ’27' /
 * '27年3月'). Returns the input when malformed.
 */
export function monthLabel(month: Month | undefined, short = false, locale: string = displayLocale()): string {
	if (!isMonth(month)) return month ?? '';
	const key = `${locale}|${short}`;
	let format = monthFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { year: short ? '2-digit' : 'numeric', month: 'short', timeZone: 'UTC' });
		monthFormats.set(key, format);
	}
	const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
	if (short && locale.startsWith('en')) {
		const parts = format.formatToParts(date);
		return `${parts.find((p) => p.type === 'month')?.value} ’${month.slice(2, 4)}`;
	}
	return format.format(date);
}

/** 'just now', '5 min ago', '3 h ago', '2 days ago', or a date for older times. */
export function relativeTime(epochMs: number, now = Date.now()): string {
	const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
	if (seconds < 45) return m.time_just_now();
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return m.time_minutes_ago({ count: minutes });
	const hours = Math.round(minutes / 60);
	if (hours < 24) return m.time_hours_ago({ count: hours });
	const days = Math.round(hours / 24);
	if (days < 14) return m.time_days_ago({ count: days });
	return new Date(epochMs).toLocaleDateString(displayLocale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Common currencies offered in pickers (any ISO 4217 code can still be typed where allowed). */
export const COMMON_CURRENCIES: readonly string[] = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD', 'INR', 'KRW', 'AUD', 'CAD', 'CHF', 'SEK', 'BRL'];
