/**
 * Money as it appears in exported markdown: `10,000,000.00 CNY` — the amount grouped with
 * Intl.NumberFormat in the fixed locale `en-US` (so the output never depends on the machine), the
 * full minor-unit precision, then the ISO 4217 code. The form reads well in a review and parses
 * back exactly: no floating point on either side (the decimal string comes from BigInt maths).
 */
import { currencyDigits, minorToDecimal, parseMoney } from '../budget/index.ts';
import type { Money } from '../model/types.ts';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Format integer minor units as `1,234.56 CNY` (`-1,234.56 CNY` when negative; `1,234 JPY` for
 * currencies without minor units). Exact for every safe integer.
 */
export function formatMoneyText(minor: Money, currency: string): string {
	const digits = currencyDigits(currency);
	let format = formatters.get(currency);
	if (!format) {
		format = new Intl.NumberFormat('en-US', {
			minimumFractionDigits: digits,
			maximumFractionDigits: digits
		});
		formatters.set(currency, format);
	}
	return `${format.format(minorToDecimal(minor, currency))} ${currency}`;
}

/** The outcome of reading a money cell: minor units, or a sentence saying why not. */
export type MoneyTextResult = { ok: true; value: Money } | { ok: false; reason: string };

/**
 * Read money written by {@link formatMoneyText} or by a person (`10000000`, `CNY 1,000.5`,
 * `¥1 000`). An upper-case three-letter code other than `currency` is refused rather than silently mixed in;
 * more fraction digits than the currency has, or values beyond Number.MAX_SAFE_INTEGER minor
 * units, are refused too.
 */
export function parseMoneyText(text: string, currency: string): MoneyTextResult {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: false, reason: 'no amount given' };
	for (const code of trimmed.match(/\b[A-Z]{3}\b/g) ?? []) {
		// RMB is the yuan's everyday name, not an ISO code
		if (code !== currency && !(code === 'RMB' && currency === 'CNY')) {
			return {
				ok: false,
				reason: `"${trimmed}" is in ${code} but the plan's currency is ${currency}`
			};
		}
	}
	const value = parseMoney(trimmed, currency);
	if (value === null) {
		const digits = currencyDigits(currency);
		return {
			ok: false,
			reason: `cannot read "${trimmed}" as an amount of ${currency} (at most ${digits} decimal place${
				digits === 1 ? '' : 's'
			}, e.g. ${formatMoneyText(123456 * 10 ** digits, currency)})`
		};
	}
	return { ok: true, value };
}
