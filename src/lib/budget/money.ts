/**
 * Money helpers. Money is always an integer in the currency's minor unit; conversion to and from
 * text goes through decimal strings and Intl.NumberFormat, never through floating-point division.
 */
import type { Money } from '../model/types.ts';

const digitsCache = new Map<string, number>();

/** Currency codes are the model's (a plan's currency is one of its settings). */
export { isCurrencyCode } from '../model/currency.ts';

/**
 * Number of minor-unit digits of a currency as Intl reports them (CNY/USD/EUR 2, JPY/KRW 0,
 * KWD 3). Throws RangeError for a malformed currency code.
 */
export function currencyDigits(currency: string): number {
	const cached = digitsCache.get(currency);
	if (cached !== undefined) return cached;
	const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
		.maximumFractionDigits;
	const value = digits ?? 2;
	digitsCache.set(currency, value);
	return value;
}

/** Exact decimal string (`-1234.56`) of an integer amount of minor units. */
export function minorToDecimal(minor: Money, currency: string): `${number}` {
	if (!Number.isInteger(minor)) throw new RangeError(`money must be an integer: ${minor}`);
	const digits = currencyDigits(currency);
	const negative = minor < 0;
	const abs = BigInt(Math.abs(minor)).toString().padStart(digits + 1, '0');
	const whole = abs.slice(0, abs.length - digits);
	const frac = digits > 0 ? '.' + abs.slice(abs.length - digits) : '';
	return `${negative ? '-' : ''}${whole}${frac}` as `${number}`;
}

/** Display options of {@link formatMoney}. */
export interface FormatMoneyOptions {
	/** Show the full minor-unit precision (default true); false drops the fraction (rounding half-expand). */
	fraction?: boolean;
	/** `compact` gives '10M'-style output for tight places such as card faces. */
	notation?: 'standard' | 'compact';
	/** How the currency is named: 'symbol' (default, 'CN¥' in English) or 'narrowSymbol' ('¥'). */
	currencyDisplay?: 'symbol' | 'narrowSymbol';
}

/**
 * Format an integer amount of minor units for display, e.g. `formatMoney(1000000000, 'CNY', 'en')`
 * → `CN¥10,000,000.00`. `locale` defaults to the runtime's locale.
 */
export function formatMoney(
	minor: Money,
	currency: string,
	locale?: string,
	options: FormatMoneyOptions = {}
): string {
	const fraction = options.fraction ?? true;
	const compact = options.notation === 'compact';
	const display = options.currencyDisplay ?? 'symbol';
	const key = `${locale ?? ''}|${currency}|${fraction}|${compact}|${display}`;
	let format = formatCache.get(key);
	if (!format) {
		const digits = currencyDigits(currency);
		format = new Intl.NumberFormat(locale, {
			style: 'currency',
			currency,
			currencyDisplay: display,
			notation: compact ? 'compact' : 'standard',
			minimumFractionDigits: fraction && !compact ? digits : 0,
			maximumFractionDigits: fraction && !compact ? digits : compact ? 1 : 0
		});
		// a handful of currencies × locales in practice; the bound only guards against misuse
		if (formatCache.size >= 256) formatCache.clear();
		formatCache.set(key, format);
	}
	return format.format(minorToDecimal(minor, currency));
}

/** Formatters by locale, currency and options: building an Intl.NumberFormat costs ~50 µs, using one ~1 µs. */
const formatCache = new Map<string, Intl.NumberFormat>();
